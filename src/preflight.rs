//! The checks run before an Okta config is pushed for a tenant: who would be
//! locked out, and whether CAKE MFA is about to be switched off.
//!
//! With `okta_only`, the CAKE login page shows only the "Login with Okta"
//! button, so every active admin user without an Okta login loses access.
//! With either option, CAKE's own MFA is switched off and Okta becomes the
//! MFA provider. The findings come from `GET /okta/users` on the tenant's
//! site and `GET /v1/tenants/{tenant}/security` on the backend. Nothing here
//! prints or prompts: commands render [`Findings`] and ask for the
//! confirmation that [`Findings::needs_confirmation`] calls for.

use crate::backend::{BackendClient, BackendError, User};
use crate::ledger::IntegrationOption;
use crate::text::one_line;
use crate::users::has_okta_login;

/// A lookup that failed, in words, with advice when there is a clear next
/// step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
    /// The failed call, kept so that an error built from this failure
    /// carries the call's own advice.
    pub cause: Option<BackendError>,
}

impl Failure {
    pub fn from_backend(error: &BackendError) -> Failure {
        Failure { message: error.to_string(), hint: error.hint().map(str::to_string), cause: Some(error.clone()) }
    }

    /// Builds a failure from an error raised before any call was made, such
    /// as a missing token. The whole chain of causes is kept on one line.
    pub fn from_error(error: &anyhow::Error) -> Failure {
        let hint = crate::exit::hints_of(error).first().map(|hint| hint.to_string());
        Failure { message: one_line(&format!("{error:#}")), hint, cause: None }
    }
}

/// Findings of the preflight for one tenant and option.
#[derive(Debug, Clone)]
pub struct Findings {
    pub tenant: String,
    pub option: IntegrationOption,
    /// All admin users of the tenant's site, or why they could not be listed.
    pub users: Result<Vec<User>, Failure>,
    /// Whether CAKE MFA is on, or why the settings could not be read.
    pub mfa_enabled: Result<bool, Failure>,
}

/// Way the agent gave the go-ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// Nothing called for a confirmation.
    NotNeeded,
    /// The agent answered yes at a prompt.
    Prompt,
    /// `--yes` was given.
    YesFlag,
}

impl Findings {
    /// Lists the tenant's users and reads its security settings.
    pub fn check(client: &BackendClient, tenant: &str, option: IntegrationOption) -> Findings {
        Findings {
            tenant: tenant.to_string(),
            option,
            users: client.list_users(tenant).map_err(|error| Failure::from_backend(&error)),
            mfa_enabled: client.security_settings(tenant).map(|settings| settings.mfa_enabled).map_err(|error| Failure::from_backend(&error)),
        }
    }

    /// Findings when no call could be made at all, for example because the
    /// profile has no backend URL or no token.
    pub fn unchecked(tenant: &str, option: IntegrationOption, failure: Failure) -> Findings {
        Findings { tenant: tenant.to_string(), option, users: Err(failure.clone()), mfa_enabled: Err(failure) }
    }

    /// Active users without an Okta login, in the order the site listed
    /// them; `None` when the users could not be listed.
    pub fn unlinked_users(&self) -> Option<Vec<&User>> {
        let users = self.users.as_ref().ok()?;
        Some(users.iter().filter(|user| user.active && !has_okta_login(user.okta_login.as_deref())).collect())
    }

    /// Number of active users without an Okta login.
    pub fn unlinked_count(&self) -> Option<usize> {
        self.unlinked_users().map(|users| users.len())
    }

    /// Number of active users okta-only would lock out: the unlinked count
    /// for okta-only, zero for hybrid, which keeps password sign-in.
    pub fn lockout_count(&self) -> Option<usize> {
        match self.option {
            IntegrationOption::OktaOnly => self.unlinked_count(),
            IntegrationOption::Hybrid => Some(0),
        }
    }

    /// True when the users were listed and none of them is active. A CAKE
    /// site always has an admin user, so this most likely means the wrong
    /// tenant, or a `tenant_url` that points at another site.
    pub fn no_active_users(&self) -> bool {
        self.users.as_ref().is_ok_and(|users| !users.iter().any(|user| user.active))
    }

    /// True when the agent must confirm before the push: okta-only would
    /// lock users out or finds no active user to check, or CAKE MFA is on
    /// and will be switched off.
    pub fn needs_confirmation(&self) -> bool {
        let okta_only_unchecked = self.option == IntegrationOption::OktaOnly && self.no_active_users();
        self.lockout_count().is_some_and(|count| count > 0) || okta_only_unchecked || self.mfa_enabled == Ok(true)
    }

    /// True when okta-only is asked for but a lookup failed, so the push
    /// must not go ahead without `--force`. Hybrid keeps password sign-in,
    /// so it goes ahead with a warning.
    pub fn blocks_push(&self) -> bool {
        self.option == IntegrationOption::OktaOnly && !self.failures().is_empty()
    }

    /// Lists the lookups that failed, with what each was for.
    pub fn failures(&self) -> Vec<(&'static str, &Failure)> {
        let mut failures = Vec::new();
        if let Err(failure) = &self.users {
            failures.push(("the admin users could not be listed", failure));
        }
        if let Err(failure) = &self.mfa_enabled {
            failures.push(("the security settings could not be read", failure));
        }
        failures
    }

    /// Builds the text of the ledger event that records the findings and how
    /// the agent went ahead.
    pub fn event_note(&self, confirmation: Confirmation, forced: bool) -> String {
        let mut sentences = vec![self.users_sentence(), self.mfa_sentence()];
        match confirmation {
            Confirmation::NotNeeded => {}
            Confirmation::Prompt => sentences.push("Acknowledged at the prompt.".to_string()),
            Confirmation::YesFlag => sentences.push("Acknowledged with --yes.".to_string()),
        }
        if forced && !self.failures().is_empty() {
            sentences.push("Continued without the missing checks (--force).".to_string());
        }
        format!("Preflight: {}", sentences.join(" "))
    }

    fn users_sentence(&self) -> String {
        let Some(count) = self.unlinked_count() else {
            return "The admin users could not be listed.".to_string();
        };
        if self.no_active_users() {
            return "The site lists no active admin users.".to_string();
        }
        let users = plural(count, "active admin user", "active admin users");
        match (self.option, count) {
            (IntegrationOption::OktaOnly, 0) => "Every active admin user has an Okta login.".to_string(),
            (IntegrationOption::OktaOnly, _) => {
                format!("{users} without an Okta login will be locked out by okta-only.")
            }
            (IntegrationOption::Hybrid, 0) => "Every active admin user has an Okta login.".to_string(),
            (IntegrationOption::Hybrid, _) => {
                format!("{users} without an Okta login keep username and password sign-in (hybrid).")
            }
        }
    }

    fn mfa_sentence(&self) -> String {
        match self.mfa_enabled {
            Ok(true) => "CAKE MFA is on and will be switched off; Okta becomes the MFA provider.".to_string(),
            Ok(false) => "CAKE MFA is off.".to_string(),
            Err(_) => "The security settings could not be read.".to_string(),
        }
    }
}

pub use crate::text::plural;

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, login: Option<&str>, active: bool) -> User {
        User {
            id: id.into(),
            email: format!("{id}@acme.example"),
            first_name: "A".into(),
            last_name: "B".into(),
            okta_login: login.map(str::to_string),
            active,
        }
    }

    fn findings(option: IntegrationOption, mfa: bool) -> Findings {
        Findings {
            tenant: "acme.cake.example".into(),
            option,
            users: Ok(vec![
                user("linked", Some("linked@acme.example"), true),
                user("unlinked", None, true),
                user("blank", Some(" "), true),
                user("inactive", None, false),
            ]),
            mfa_enabled: Ok(mfa),
        }
    }

    fn failure() -> Failure {
        Failure { message: "timed out".into(), hint: None, cause: None }
    }

    #[test]
    fn unlinked_counts_active_without_login() {
        let found = findings(IntegrationOption::OktaOnly, false);
        let ids: Vec<&str> = found.unlinked_users().unwrap().iter().map(|user| user.id.as_str()).collect();
        assert_eq!(ids, ["unlinked", "blank"]);
        assert_eq!(found.lockout_count(), Some(2));
        assert_eq!(findings(IntegrationOption::Hybrid, false).lockout_count(), Some(0));
        assert_eq!(findings(IntegrationOption::Hybrid, false).unlinked_count(), Some(2));
    }

    #[test]
    fn confirmation_rules() {
        use IntegrationOption::{Hybrid, OktaOnly};
        let mut all_linked = findings(OktaOnly, false);
        all_linked.users = Ok(vec![user("linked", Some("linked@acme.example"), true)]);
        let mut okta_only_no_users = findings(OktaOnly, false);
        okta_only_no_users.users = Err(failure());
        let mut hybrid_no_mfa_answer = findings(Hybrid, false);
        hybrid_no_mfa_answer.mfa_enabled = Err(failure());

        let cases = [
            ("okta-only with unlinked users", findings(OktaOnly, false), true, false),
            ("okta-only, all linked, MFA off", all_linked.clone(), false, false),
            ("hybrid with unlinked users", findings(Hybrid, false), false, false),
            ("hybrid with MFA", findings(Hybrid, true), true, false),
            ("okta-only without user list", okta_only_no_users, false, true),
            ("hybrid without security settings", hybrid_no_mfa_answer, false, false),
        ];
        for (name, found, confirm, blocks) in cases {
            assert_eq!(found.needs_confirmation(), confirm, "{name}: confirmation");
            assert_eq!(found.blocks_push(), blocks, "{name}: blocks");
        }

        let mut linked_with_mfa = all_linked;
        linked_with_mfa.mfa_enabled = Ok(true);
        assert!(linked_with_mfa.needs_confirmation());
    }

    #[test]
    fn event_note_states_count_and_how() {
        let note = findings(IntegrationOption::OktaOnly, true).event_note(Confirmation::YesFlag, false);
        assert_eq!(
            note,
            "Preflight: 2 active admin users without an Okta login will be locked out by okta-only. \
             CAKE MFA is on and will be switched off; Okta becomes the MFA provider. Acknowledged with --yes."
        );

        let hybrid = findings(IntegrationOption::Hybrid, false).event_note(Confirmation::NotNeeded, false);
        assert!(hybrid.contains("2 active admin users without an Okta login keep username and password"), "{hybrid}");
        assert!(hybrid.contains("CAKE MFA is off."), "{hybrid}");

        let unchecked = Findings::unchecked("acme.cake.example", IntegrationOption::OktaOnly, failure());
        let forced = unchecked.event_note(Confirmation::NotNeeded, true);
        assert!(forced.contains("could not be listed"), "{forced}");
        assert!(forced.contains("(--force)"), "{forced}");
    }
}
