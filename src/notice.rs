//! The changes for a tenant once Okta sign-in is active, in words support
//! staff can forward. `activate` prints them before the push, and
//! `requests notify` writes them into a plain-text email for the client once
//! the request is active. Both take the text from [`consequences`], so the
//! client is warned of exactly what the notice later confirms.

use jiff::civil::Date;

use crate::ledger::IntegrationOption;
use crate::text::one_line;

/// CAKE features hidden while Okta sign-in is on.
pub const HIDDEN_FEATURES: [&str; 5] =
    ["Remove Password", "Disable Login", "Change Password", "Forgot Password", "Add User"];

/// Width the notice's paragraphs are wrapped to, in characters.
const LINE_WIDTH: usize = 72;

/// One consequence of turning Okta sign-in on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consequence {
    pub title: &'static str,
    pub text: String,
}

/// Returns the consequences of activating `option`, in the order the notice lists them.
pub fn consequences(option: IntegrationOption) -> Vec<Consequence> {
    let login_page = match option {
        IntegrationOption::Hybrid => {
            "The CAKE login page keeps the username and password fields and adds a \"Login with Okta\" button. \
             Users can sign in either way."
        }
        IntegrationOption::OktaOnly => {
            "The CAKE login page shows only the \"Login with Okta\" button. Username and password sign-in \
             is no longer offered, so an admin user who is not linked to an Okta login cannot sign in."
        }
    };
    let hidden = format!(
        "CAKE no longer shows {}, because passwords and users are managed through Okta and CAKE Support.",
        join_words(&HIDDEN_FEATURES)
    );

    vec![
        Consequence { title: "Login page", text: login_page.to_string() },
        Consequence { title: "Hidden features", text: hidden },
        Consequence {
            title: "Multi-factor authentication",
            text: "Okta becomes the MFA provider, and CAKE's own MFA is switched off for this site.".to_string(),
        },
        Consequence {
            title: "Adding and editing users",
            text: "Admin users are added and edited only through CAKE Support, which uses the site's user API \
                   (POST /okta/users to add a user, PUT /okta/users/{id} to edit one). Each user's Okta login \
                   is set there."
                .to_string(),
        },
    ]
}

/// Values of an active request that the notice names.
#[derive(Debug, Clone)]
pub struct NoticeInput<'a> {
    pub tenant: &'a str,
    pub option: IntegrationOption,
    pub issuer: &'a str,
    pub client_ids: &'a [String],
    pub ticket: Option<&'a str>,
    /// Date the request became active, when the ledger has it.
    pub active_since: Option<Date>,
    /// Name the email is signed with.
    pub signature: &'a str,
}

/// Renders the plain-text email telling the client that Okta sign-in is
/// active, with a `Subject:` first line.
pub fn render_client_notice(input: &NoticeInput) -> String {
    let tenant = one_line(input.tenant);
    let ticket = input.ticket.map(one_line);
    let mut text = String::new();

    let subject_ticket = ticket.as_deref().map(|ticket| format!(" [{ticket}]")).unwrap_or_default();
    text.push_str(&format!("Subject: Okta sign-in is now active for {tenant}{subject_ticket}\n\n"));
    text.push_str("Hello,\n\n");
    let since = input.active_since.map(|date| format!(" since {date}")).unwrap_or_default();
    push_paragraph(&mut text, &format!("Okta sign-in is active on your CAKE admin site {tenant}{since}."));

    text.push_str(&format!("  Option:        {}\n", option_summary(input.option)));
    text.push_str(&format!("  Okta issuer:   {}\n", one_line(input.issuer)));
    let ids: Vec<String> = input.client_ids.iter().map(|id| one_line(id)).collect();
    let label = if ids.len() == 1 { "Client ID:" } else { "Client IDs:" };
    text.push_str(&format!("  {label:<14} {}\n\n", ids.join(", ")));

    push_paragraph(&mut text, "What changes for your team:");
    for (number, consequence) in consequences(input.option).iter().enumerate() {
        text.push_str(&format!("{}. {}\n", number + 1, consequence.title));
        push_wrapped(&mut text, &consequence.text, "   ");
        text.push('\n');
    }

    let closing = match input.option {
        IntegrationOption::Hybrid => "To add a user, change a user's Okta login or switch to Okta-only sign-in later, contact CAKE Support",
        IntegrationOption::OktaOnly => "To add a user or change a user's Okta login, contact CAKE Support",
    };
    let reference = ticket.map(|ticket| format!(" and mention ticket {ticket}")).unwrap_or_default();
    push_paragraph(&mut text, &format!("{closing}{reference}."));
    text.push_str(&format!("Kind regards,\n{}\nCAKE Support\n", one_line(input.signature)));
    text
}

/// Describes the option in the client's words.
fn option_summary(option: IntegrationOption) -> &'static str {
    match option {
        IntegrationOption::Hybrid => "hybrid (username and password, plus \"Login with Okta\")",
        IntegrationOption::OktaOnly => "Okta only (\"Login with Okta\" only)",
    }
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    push_wrapped(text, paragraph, "");
    text.push('\n');
}

/// Appends `paragraph` wrapped at [`LINE_WIDTH`], every line starting with
/// `indent`. A word longer than the width gets a line of its own.
fn push_wrapped(text: &mut String, paragraph: &str, indent: &str) {
    let mut line = String::from(indent);
    for word in paragraph.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= LINE_WIDTH;
        if line.len() > indent.len() && !fits {
            text.push_str(&line);
            text.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.len() > indent.len() {
        text.push_str(&line);
        text.push('\n');
    }
}

/// "a, b and c".
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [only] => only.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(option: IntegrationOption) -> NoticeInput<'static> {
        static IDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| vec!["0oa1b2c3d4e5f6g7h8i9".to_string()]);
        NoticeInput {
            tenant: "acme.cake.example",
            option,
            issuer: "https://acme.okta.example/oauth2/default",
            client_ids: &IDS,
            ticket: Some("SUP-1234"),
            active_since: Some(jiff::civil::date(2026, 3, 6)),
            signature: "Dana Smith",
        }
    }

    #[test]
    fn consequences_differ_only_in_login_page() {
        let hybrid = consequences(IntegrationOption::Hybrid);
        let okta_only = consequences(IntegrationOption::OktaOnly);
        assert_eq!(hybrid.len(), 4);
        assert!(hybrid[0].text.contains("keeps the username and password fields"), "{}", hybrid[0].text);
        assert!(hybrid[0].text.contains("\"Login with Okta\" button"));
        assert!(okta_only[0].text.contains("shows only the \"Login with Okta\" button"), "{}", okta_only[0].text);
        assert_eq!(hybrid[1..], okta_only[1..]);
    }

    #[test]
    fn hidden_features_all_named() {
        let text = &consequences(IntegrationOption::Hybrid)[1].text;
        assert!(
            text.contains("Remove Password, Disable Login, Change Password, Forgot Password and Add User"),
            "{text}"
        );
    }

    #[test]
    fn notice_names_every_consequence() {
        for option in [IntegrationOption::Hybrid, IntegrationOption::OktaOnly] {
            let notice = render_client_notice(&input(option));
            let flat = notice.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(notice.starts_with("Subject: Okta sign-in is now active for acme.cake.example [SUP-1234]\n"), "{notice}");
            for consequence in consequences(option) {
                assert!(notice.contains(consequence.title), "{option:?} lacks {}", consequence.title);
                assert!(flat.contains(&consequence.text), "{option:?} lacks the text of {}", consequence.title);
            }
            for needle in ["since 2026-03-06", "0oa1b2c3d4e5f6g7h8i9", "https://acme.okta.example/oauth2/default", "Okta becomes the MFA provider", "/okta/users", "Dana Smith"] {
                assert!(flat.contains(needle), "{option:?} lacks {needle:?}:\n{notice}");
            }
        }
    }

    #[test]
    fn notice_states_option() {
        let hybrid = render_client_notice(&input(IntegrationOption::Hybrid));
        assert!(hybrid.contains("Option:        hybrid (username and password, plus \"Login with Okta\")"), "{hybrid}");
        let okta_only = render_client_notice(&input(IntegrationOption::OktaOnly));
        assert!(okta_only.contains("Option:        Okta only"), "{okta_only}");
        assert!(!okta_only.contains("keeps the username and password"), "{okta_only}");
    }

    #[test]
    fn notice_lines_fit_width() {
        let notice = render_client_notice(&input(IntegrationOption::OktaOnly));
        for line in notice.lines().filter(|line| !line.starts_with("Subject:") && !line.contains("https://")) {
            assert!(line.chars().count() <= LINE_WIDTH, "too long: {line:?}");
        }
    }

    #[test]
    fn notice_strips_control_characters() {
        let mut tricky = input(IntegrationOption::Hybrid);
        tricky.ticket = Some("SUP-1\x1b[2J");
        let notice = render_client_notice(&tricky);
        assert!(!notice.contains('\x1b'), "{notice:?}");
    }

    #[test]
    fn wrap_keeps_long_words_whole() {
        let mut text = String::new();
        let long = "x".repeat(LINE_WIDTH + 5);
        push_wrapped(&mut text, &format!("short {long} end"), "  ");
        assert_eq!(text, format!("  short\n  {long}\n  end\n"));
    }
}
