//! Integration tests: the real `cake-okta` binary against real servers on
//! 127.0.0.1, with certificates and data directories made at test time.

mod support;

mod frame;
mod issuer_cases;
mod probe;
