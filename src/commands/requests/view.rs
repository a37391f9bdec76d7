//! Presentation of a request: its window at "now", the JSON object scripts
//! read, and the date and time formats of human output.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::ledger::{IntegrationOption, Request, Status};
use crate::window::{Progress, Window, WindowSettings};

/// A request's activation window and, while it is open, its progress.
#[derive(Debug, Clone, Copy)]
pub struct Timeline {
    /// `None` until the backend accepted the request.
    pub window: Option<Window>,
    /// `None` for a closed request or one not accepted yet.
    pub progress: Option<Progress>,
}

impl Timeline {
    pub fn of(request: &Request, settings: &WindowSettings, now: Timestamp) -> Timeline {
        let window = request
            .accepted_at
            .map(|accepted_at| settings.window(accepted_at));
        let progress = window
            .filter(|_| request.status.is_open())
            .map(|window| settings.progress(&window, now));
        Timeline { window, progress }
    }

    pub fn overdue(&self) -> bool {
        self.progress.is_some_and(|progress| progress.overdue)
    }
}

/// One request in `--json` output. The field names are a stable interface.
#[derive(Debug, Serialize)]
pub struct RequestJson {
    /// Local request number.
    pub number: i64,
    /// UUID, also the backend's idempotency key.
    pub id: String,
    pub tenant: String,
    pub status: Status,
    /// `hybrid` or `okta_only`.
    pub option: IntegrationOption,
    pub client_ids: Vec<String>,
    /// Issuer as stored and sent, after validation.
    pub issuer: String,
    /// Issuer as it was typed.
    pub issuer_input: String,
    pub ticket: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
    /// RFC 3339 instants in UTC.
    pub created_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    /// Earliest and latest expected activation dates (`YYYY-MM-DD`), null
    /// until the backend accepted the request.
    pub window_start: Option<Date>,
    pub window_end: Option<Date>,
    /// Business days left until `window_end`; null for a closed request or one
    /// not accepted yet.
    pub business_days_left: Option<u32>,
    pub overdue: bool,
    /// Business days past `window_end`, 0 when not overdue.
    pub overdue_business_days: u32,
    /// Message of the last failed push.
    pub last_error: Option<String>,
}

impl RequestJson {
    pub fn new(request: &Request, timeline: &Timeline) -> RequestJson {
        RequestJson {
            number: request.number,
            id: request.id.to_string(),
            tenant: request.tenant.clone(),
            status: request.status,
            option: request.option,
            client_ids: request.client_ids.clone(),
            issuer: request.issuer.clone(),
            issuer_input: request.issuer_input.clone(),
            ticket: request.ticket.clone(),
            contact: request.contact.clone(),
            note: request.note.clone(),
            created_at: request.created_at,
            accepted_at: request.accepted_at,
            updated_at: request.updated_at,
            window_start: timeline.window.map(|window| window.earliest),
            window_end: timeline.window.map(|window| window.latest),
            business_days_left: timeline
                .progress
                .map(|progress| progress.business_days_left),
            overdue: timeline.overdue(),
            overdue_business_days: timeline
                .progress
                .map_or(0, |progress| progress.overdue_business_days),
            last_error: request.last_error.clone(),
        }
    }
}

/// Formats a window as its first and last dates: "Wed 9 Dec – Fri 11 Dec".
/// The year is added when the window does not end in the year of `today`.
pub fn window_dates(window: &Window, today: Date) -> String {
    let format = if window.latest.year() == today.year() && window.earliest.year() == today.year() {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    format!(
        "{} – {}",
        window.earliest.strftime(format),
        window.latest.strftime(format)
    )
}

/// Describes where a request is in its window, for people.
pub fn due_text(request: &Request, timeline: &Timeline) -> String {
    match (timeline.window, timeline.progress) {
        (None, _) if request.status == Status::Draft => "not pushed yet".to_string(),
        (None, _) => "not accepted yet".to_string(),
        (Some(_), None) => "-".to_string(),
        (Some(_), Some(progress)) if progress.overdue => {
            format!(
                "overdue by {}",
                business_days(progress.overdue_business_days)
            )
        }
        (Some(_), Some(progress)) if progress.business_days_left == 0 => "due today".to_string(),
        (Some(_), Some(progress)) => format!("{} left", business_days(progress.business_days_left)),
    }
}

/// "1 business day", "3 business days".
pub fn business_days(count: u32) -> String {
    if count == 1 {
        "1 business day".to_string()
    } else {
        format!("{count} business days")
    }
}

/// Formats an instant for people, in the calendar's time zone:
/// "2026-12-04 10:00 EST".
pub fn local_time(instant: Timestamp, settings: &WindowSettings) -> String {
    instant
        .to_zoned_datetime(settings.time_zone().clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// Sorts requests for lists: overdue first, then by latest date (requests
/// without a window last), then by number.
pub fn sort_for_list(rows: &mut [(Request, Timeline)]) {
    rows.sort_by_key(|(request, timeline)| list_key(request, timeline));
}

/// Position of a request in a list: overdue first, then by the end of the
/// window, requests without a window last, each group by number.
pub fn list_key(request: &Request, timeline: &Timeline) -> (bool, bool, Option<Date>, i64) {
    let latest = timeline.window.map(|window| window.latest);
    (
        !timeline.overdue(),
        latest.is_none(),
        latest,
        request.number,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn window_dates_format() {
        let window = Window {
            accepted_on: date(2026, 12, 4),
            earliest: date(2026, 12, 9),
            latest: date(2026, 12, 11),
        };
        assert_eq!(
            window_dates(&window, date(2026, 12, 4)),
            "Wed 9 Dec – Fri 11 Dec"
        );
        assert_eq!(
            window_dates(&window, date(2027, 1, 2)),
            "Wed 9 Dec 2026 – Fri 11 Dec 2026"
        );
    }

    #[test]
    fn business_days_plural() {
        assert_eq!(business_days(0), "0 business days");
        assert_eq!(business_days(1), "1 business day");
        assert_eq!(business_days(4), "4 business days");
    }
}
