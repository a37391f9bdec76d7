//! Bodies of the admin backend API (v1) and of the tenant's `/okta/users`
//! API, as serde types. Field names follow the wire format; commands turn
//! them into their own output types instead of printing them as they are.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ledger::{IntegrationOption, Status};

/// Body of `PUT /v1/tenants/{tenant}/sso/okta`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubmitBody {
    #[serde(with = "uuid_text")]
    pub request_id: Uuid,
    pub client_ids: Vec<String>,
    pub issuer: String,
    /// `hybrid` or `okta_only`.
    pub option: IntegrationOption,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    pub submitted_by: String,
}

/// Response to an accepted submission (`202`). Sending the same
/// idempotency key again returns the same response.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Accepted {
    #[serde(with = "uuid_text")]
    pub request_id: Uuid,
    pub status: BackendStatus,
    /// When the backend accepted the request; the activation window is
    /// counted from here.
    pub received_at: Timestamp,
}

/// Response of `GET /v1/tenants/{tenant}/sso/okta`: the tenant's current
/// request as the backend sees it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConfigStatus {
    #[serde(with = "uuid_text")]
    pub request_id: Uuid,
    pub status: BackendStatus,
    pub updated_at: Timestamp,
    #[serde(default)]
    pub message: Option<String>,
}

/// Activation status as the backend names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendStatus {
    Pending,
    InProgress,
    Active,
    Failed,
    Cancelled,
}

impl BackendStatus {
    /// Maps the backend's status to the ledger's: the backend's `pending` is
    /// the ledger's `submitted`, every other status has the same name.
    pub fn to_ledger(self) -> Status {
        match self {
            BackendStatus::Pending => Status::Submitted,
            BackendStatus::InProgress => Status::InProgress,
            BackendStatus::Active => Status::Active,
            BackendStatus::Failed => Status::Failed,
            BackendStatus::Cancelled => Status::Cancelled,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BackendStatus::Pending => "pending",
            BackendStatus::InProgress => "in_progress",
            BackendStatus::Active => "active",
            BackendStatus::Failed => "failed",
            BackendStatus::Cancelled => "cancelled",
        }
    }
}

/// Response of `GET /v1/tenants/{tenant}/security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct SecuritySettings {
    pub mfa_enabled: bool,
}

/// An admin user of a tenant's CAKE site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Okta login linked to the user; `None` when the user has none yet.
    pub okta_login: Option<String>,
    pub active: bool,
}

/// Response of `GET /okta/users`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserList {
    pub users: Vec<User>,
}

/// Body of `POST /okta/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewUser {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub okta_login: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// Body of `PUT /okta/users/{id}`: only the fields that change are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserChanges {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `Some(None)` sends `null`, which removes the Okta link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub okta_login: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// The error body every failing call may carry:
/// `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// Not part of the contract, but shown when a backend names the field
    /// it rejected.
    #[serde(default)]
    pub field: Option<String>,
}

/// UUIDs as their hyphenated text, the form the backend uses.
mod uuid_text {
    use serde::{Deserialize, Deserializer, Serializer};
    use uuid::Uuid;

    pub fn serialize<S: Serializer>(id: &Uuid, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&id.hyphenated())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
        let text = String::deserialize(deserializer)?;
        Uuid::parse_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_status_maps_to_ledger() {
        let cases = [
            ("pending", Status::Submitted),
            ("in_progress", Status::InProgress),
            ("active", Status::Active),
            ("failed", Status::Failed),
            ("cancelled", Status::Cancelled),
        ];
        for (wire, expected) in cases {
            let status: BackendStatus = serde_json::from_str(&format!("\"{wire}\"")).unwrap();
            assert_eq!(status.to_ledger(), expected, "{wire}");
            assert_eq!(status.as_str(), wire);
        }
        assert!(serde_json::from_str::<BackendStatus>("\"submitted\"").is_err());
    }

    #[test]
    fn submit_body_wire_format() {
        let body = SubmitBody {
            request_id: Uuid::nil(),
            client_ids: vec!["0oa1".into()],
            issuer: "https://acme.okta.example".into(),
            option: IntegrationOption::OktaOnly,
            ticket: None,
            contact: Some("it@acme.example".into()),
            submitted_by: "Dana".into(),
        };
        let value = serde_json::to_value(&body).unwrap();
        assert_eq!(value["option"], "okta_only");
        assert_eq!(value["request_id"], "00000000-0000-0000-0000-000000000000");
        assert!(value.get("ticket").is_none(), "{value}");
        assert_eq!(value["contact"], "it@acme.example");
    }

    #[test]
    fn user_changes_sends_only_set_fields() {
        let changes = UserChanges { okta_login: Some(None), active: Some(false), ..UserChanges::default() };
        let value = serde_json::to_value(&changes).unwrap();
        assert_eq!(value, serde_json::json!({"okta_login": null, "active": false}));
    }
}
