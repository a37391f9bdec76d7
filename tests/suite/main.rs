//! Integration tests: the real `cake-okta` binary against real servers on
//! 127.0.0.1, with certificates and data directories made at test time.

mod support;

mod auth;
mod backend;
mod backend_client;
mod config;
mod doctor;
mod faults;
mod frame;
mod issuer_cases;
mod ledger;
mod preflight;
mod probe;
mod users;
