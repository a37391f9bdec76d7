//! The CSV file of `users import`: a header row naming the columns, then one
//! user per row. The whole file is checked before anything is sent, and
//! every bad row is reported with its line number and all its problems.
//!
//! Header names are trimmed and compared without case; `email` is required,
//! `first_name`, `last_name`, `okta_login` and `active` are optional, in any
//! order. A UTF-8 byte order mark, as spreadsheet programs write, is
//! skipped. Rows whose cells are all empty are ignored. The same email
//! (compared without case) on several rows makes every one of those rows
//! bad, because the file does not say which one is meant.

use std::collections::HashMap;
use std::fmt;

use super::fields::{self, Field};

/// UTF-8 encoding of U+FEFF, written at the start of a file by some editors.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// A column the file may have.
pub type Column = Field;

const COLUMNS: [Column; 5] = [Field::Email, Field::FirstName, Field::LastName, Field::OktaLogin, Field::Active];

/// A valid row. Empty optional cells are `None`: they never clear a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Line of the file where the row starts; the header is line 1.
    pub line: u64,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub okta_login: Option<String>,
    pub active: Option<bool>,
}

/// A row that cannot be imported, with every reason found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    /// The row's email cell as written, when it has one.
    pub email: Option<String>,
    pub reasons: Vec<String>,
}

/// A read file: its columns, the valid rows and the bad ones, both in file
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub columns: Vec<Column>,
    pub rows: Vec<ImportRow>,
    pub bad_rows: Vec<BadRow>,
}

/// A problem with the file as a whole, so no row can be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvFileError {
    #[error("the file is empty; the first line must be a header naming the columns, such as email,first_name,last_name")]
    Empty,
    #[error("the header (line 1) is not valid UTF-8 text; save the file as UTF-8")]
    HeaderNotUtf8,
    #[error("the header (line 1) has no email column; it names: {found}")]
    NoEmailColumn { found: String },
    #[error("the header (line 1) names unknown columns: {unknown}; the columns are email, first_name, last_name, okta_login and active")]
    UnknownColumns { unknown: String },
    #[error("the header (line 1) names the column {column} more than once")]
    DuplicateColumn { column: Column },
    #[error("the file cannot be read as CSV near line {line}: {detail}")]
    Malformed { line: u64, detail: String },
}

/// Reads and checks an import file. Fails only when the header cannot be
/// used; bad rows are returned in [`ImportFile::bad_rows`].
pub fn read_import_file(bytes: &[u8]) -> Result<ImportFile, CsvFileError> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();

    let header = match records.next() {
        None => return Err(CsvFileError::Empty),
        Some(header) => header.map_err(malformed)?,
    };
    let columns = read_header(&header)?;

    let mut rows = Vec::new();
    let mut bad_rows = Vec::new();
    for record in records {
        let record = record.map_err(malformed)?;
        let line = record.position().map_or(0, csv::Position::line);
        match read_row(&columns, &record, line) {
            RowRead::Blank => {}
            RowRead::Valid(row) => rows.push(row),
            RowRead::Bad(bad) => bad_rows.push(bad),
        }
    }

    mark_duplicates(&mut rows, &mut bad_rows);
    Ok(ImportFile { columns, rows, bad_rows })
}

fn malformed(error: csv::Error) -> CsvFileError {
    let line = error.position().map_or(0, csv::Position::line);
    CsvFileError::Malformed { line, detail: error.to_string() }
}

fn read_header(header: &csv::ByteRecord) -> Result<Vec<Column>, CsvFileError> {
    let mut names = Vec::new();
    for cell in header {
        let name = std::str::from_utf8(cell).map_err(|_| CsvFileError::HeaderNotUtf8)?;
        names.push(name.trim().to_ascii_lowercase());
    }
    if names.iter().all(String::is_empty) {
        return Err(CsvFileError::Empty);
    }

    let unknown: Vec<String> = names
        .iter()
        .filter(|name| !COLUMNS.iter().any(|column| column.as_str() == name.as_str()))
        .map(|name| if name.is_empty() { "(an empty name)".to_string() } else { format!("{name:?}") })
        .collect();
    if !unknown.is_empty() {
        return Err(CsvFileError::UnknownColumns { unknown: unknown.join(", ") });
    }

    let columns: Vec<Column> = names
        .iter()
        .filter_map(|name| COLUMNS.into_iter().find(|column| column.as_str() == name))
        .collect();
    for (index, column) in columns.iter().enumerate() {
        if columns[..index].contains(column) {
            return Err(CsvFileError::DuplicateColumn { column: *column });
        }
    }
    if !columns.contains(&Field::Email) {
        return Err(CsvFileError::NoEmailColumn { found: names.join(", ") });
    }
    Ok(columns)
}

enum RowRead {
    Blank,
    Valid(ImportRow),
    Bad(BadRow),
}

fn read_row(columns: &[Column], record: &csv::ByteRecord, line: u64) -> RowRead {
    let cells: Vec<Option<&str>> = record.iter().map(|cell| std::str::from_utf8(cell).ok()).collect();
    if cells.iter().all(|cell| cell.is_some_and(|text| text.trim().is_empty())) {
        return RowRead::Blank;
    }

    let email_cell = cell_of(columns, &cells, Field::Email).flatten().map(|text| text.trim().to_string());
    let bad = |reasons: Vec<String>| RowRead::Bad(BadRow { line, email: email_cell.clone(), reasons });
    if cells.len() != columns.len() {
        return bad(vec![format!("has {} cells, but the header names {} columns", cells.len(), columns.len())]);
    }
    if cells.iter().any(Option::is_none) {
        return bad(vec!["is not valid UTF-8 text; save the file as UTF-8".to_string()]);
    }

    let text = |field: Field| cell_of(columns, &cells, field).flatten().map(str::trim).filter(|text| !text.is_empty());
    let mut reasons = Vec::new();
    let mut keep = |result: Result<String, fields::FieldError>| match result {
        Ok(value) => Some(value),
        Err(error) => {
            reasons.push(error.to_string());
            None
        }
    };

    let email = keep(fields::check_email(text(Field::Email).unwrap_or_default()));
    let first_name = text(Field::FirstName).and_then(|name| keep(fields::check_name(Field::FirstName, name)));
    let last_name = text(Field::LastName).and_then(|name| keep(fields::check_name(Field::LastName, name)));
    let okta_login = text(Field::OktaLogin).and_then(|login| keep(fields::check_okta_login(login)));
    let active = match text(Field::Active).map(fields::parse_active) {
        Some(Err(error)) => {
            reasons.push(error.to_string());
            None
        }
        Some(Ok(value)) => Some(value),
        None => None,
    };

    match email {
        Some(email) if reasons.is_empty() => {
            RowRead::Valid(ImportRow { line, email, first_name, last_name, okta_login, active })
        }
        _ => bad(reasons),
    }
}

/// Returns the cell of `field`: `None` when the file has no such column,
/// `Some(None)` when the cell is not UTF-8 or missing from a short row.
fn cell_of<'a>(columns: &[Column], cells: &[Option<&'a str>], field: Field) -> Option<Option<&'a str>> {
    let index = columns.iter().position(|column| *column == field)?;
    Some(cells.get(index).copied().flatten())
}

/// Moves every row whose email appears on another row too (compared without
/// case) to the bad rows, naming the other lines. Bad rows with such an
/// email get the same reason added.
fn mark_duplicates(rows: &mut Vec<ImportRow>, bad_rows: &mut Vec<BadRow>) {
    let mut lines_by_email: HashMap<String, Vec<u64>> = HashMap::new();
    let valid = rows.iter().map(|row| (row.line, Some(row.email.as_str())));
    let invalid = bad_rows.iter().map(|row| (row.line, row.email.as_deref()));
    for (line, email) in valid.chain(invalid) {
        if let Some(email) = email.filter(|email| !email.is_empty()) {
            lines_by_email.entry(email.to_lowercase()).or_default().push(line);
        }
    }
    let others = |line: u64, email: &str| -> Option<String> {
        let lines = lines_by_email.get(&email.to_lowercase())?;
        let others: Vec<String> = lines.iter().filter(|other| **other != line).map(u64::to_string).collect();
        (!others.is_empty()).then(|| format!("email {email:?} is also on line {}", others.join(", ")))
    };

    for bad in bad_rows.iter_mut() {
        if let Some(reason) = bad.email.as_deref().and_then(|email| others(bad.line, email)) {
            bad.reasons.push(reason);
        }
    }
    let (unique, duplicated): (Vec<ImportRow>, Vec<ImportRow>) =
        std::mem::take(rows).into_iter().partition(|row| others(row.line, &row.email).is_none());
    *rows = unique;
    for row in duplicated {
        let reasons = others(row.line, &row.email).into_iter().collect();
        bad_rows.push(BadRow { line: row.line, email: Some(row.email), reasons });
    }
    bad_rows.sort_by_key(|bad| bad.line);
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reasons.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ImportFile {
        read_import_file(text.as_bytes()).unwrap_or_else(|error| panic!("{error}"))
    }

    fn bad_lines(file: &ImportFile) -> Vec<u64> {
        file.bad_rows.iter().map(|bad| bad.line).collect()
    }

    #[test]
    fn header_in_any_order_and_case() {
        let file = read(" Last_Name ,EMAIL,okta_login\nLee,ann@acme.example,ann@acme.example\n");
        assert_eq!(file.columns, [Field::LastName, Field::Email, Field::OktaLogin]);
        assert_eq!(
            file.rows,
            [ImportRow {
                line: 2,
                email: "ann@acme.example".into(),
                first_name: None,
                last_name: Some("Lee".into()),
                okta_login: Some("ann@acme.example".into()),
                active: None,
            }]
        );
        assert!(file.bad_rows.is_empty());
    }

    #[test]
    fn byte_order_mark_skipped() {
        let mut bytes = BYTE_ORDER_MARK.to_vec();
        bytes.extend_from_slice(b"email,active\r\nann@acme.example,no\r\n");
        let file = read_import_file(&bytes).unwrap();
        assert_eq!(file.columns, [Field::Email, Field::Active]);
        assert_eq!(file.rows[0].active, Some(false));
    }

    #[test]
    fn header_errors() {
        let cases: &[(&str, &str)] = &[
            ("", "the file is empty"),
            ("\n\n", "the file is empty"),
            ("first_name,last_name\nAnn,Lee\n", "no email column"),
            ("email,phone,Role\n", "\"phone\", \"role\""),
            ("email,,first_name\n", "(an empty name)"),
            ("email,Email\n", "column email more than once"),
        ];
        for (text, expected) in cases {
            let error = read_import_file(text.as_bytes()).unwrap_err().to_string();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }

    #[test]
    fn every_bad_row_reported_with_reasons() {
        let text = "\
email,first_name,last_name,okta_login,active
ann@acme.example,Ann,Lee,ann@acme.example,true
not-an-email,Bob,,bob@acme.example,yes
carol@acme.example,Carol,Diaz,carol lives here,maybe
dan@acme.example,Dan,Ek
,,,,
eve@acme.example,\"Eve
Marie\",Fox,,
gil@acme.example,Gil,Ho,,0
";
        let file = read(text);
        assert_eq!(file.rows.iter().map(|row| row.line).collect::<Vec<_>>(), [2, 9]);
        assert_eq!(bad_lines(&file), [3, 4, 5, 7]);

        let reasons = |line: u64| file.bad_rows.iter().find(|bad| bad.line == line).unwrap().reasons.join(" | ");
        assert!(reasons(3).contains("email \"not-an-email\" has no @"), "{}", reasons(3));
        assert!(reasons(4).contains("okta_login"), "{}", reasons(4));
        assert!(reasons(4).contains("active \"maybe\""), "{}", reasons(4));
        assert!(reasons(5).contains("has 3 cells, but the header names 5 columns"), "{}", reasons(5));
        assert!(reasons(7).contains("first_name"), "{}", reasons(7));
        assert!(reasons(7).contains("control characters"), "{}", reasons(7));
        assert_eq!(file.rows[1].active, Some(false));
    }

    #[test]
    fn duplicate_emails_are_bad_rows() {
        let text = "\
email,first_name,last_name
ann@acme.example,Ann,Lee
bob@acme.example,Bob,Ng
ANN@acme.example,Ann,Lee
bob@acme.example,Bob,
carol@acme.example,Carol,Diaz
";
        let file = read(text);
        assert_eq!(bad_lines(&file), [2, 3, 4, 5]);
        let ann = &file.bad_rows[0];
        assert_eq!(ann.reasons, ["email \"ann@acme.example\" is also on line 4"]);
        let bob_second = &file.bad_rows[3];
        assert!(bob_second.reasons.iter().any(|reason| reason.contains("also on line 3")), "{bob_second:?}");
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].email, "carol@acme.example");
    }

    #[test]
    fn invalid_utf8_row_reported() {
        let mut bytes = b"email,first_name\nann@acme.example,Ann\nbob@acme.example,B".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"b\n");
        let file = read_import_file(&bytes).unwrap();
        assert_eq!(bad_lines(&file), [3]);
        assert!(file.bad_rows[0].reasons[0].contains("UTF-8"));
        assert_eq!(file.bad_rows[0].email.as_deref(), Some("bob@acme.example"));
    }

    #[test]
    fn bad_row_display_names_line() {
        let bad = BadRow { line: 7, email: None, reasons: vec!["email is empty".into(), "active \"x\" is not true or false".into()] };
        assert_eq!(bad.to_string(), "line 7: email is empty; active \"x\" is not true or false");
    }
}
