//! A tenant's admin users, as the `/okta/users` API on the tenant's site
//! stores them. This module has the rules each field must meet before
//! anything is sent, the CSV file `users import` reads, the plan that
//! compares the file with the existing users, and the run that carries the
//! plan out.
//!
//! Nothing here prints or prompts. The commands in `commands::users` render
//! the values these functions return.

mod apply;
mod csv_file;
mod fields;
mod plan;

pub use apply::{ImportReport, RowOutcome, RowResult, apply_plan, is_row_error};
pub use csv_file::{BadRow, Column, CsvFileError, ImportFile, ImportRow, read_import_file};
pub use fields::{
    Field, FieldError, MAX_EMAIL_LEN, MAX_NAME_LEN, MAX_OKTA_LOGIN_LEN, check_email, check_name, check_okta_login,
    has_okta_login, parse_active,
};
pub use plan::{Action, PlannedRow, SkipReason, plan_import};
