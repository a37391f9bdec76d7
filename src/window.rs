//! Activation windows: business-day arithmetic from the instant the backend
//! accepted a request.
//!
//! A window is never stored. It is computed whenever a request is read, from
//! the acceptance instant and the current [`WindowSettings`], so a holiday
//! added to the configuration later moves every open request. Nothing here
//! prints or reads the clock: callers pass "now" in.
//!
//! Counting rules:
//!
//! - The acceptance instant is turned into a date in the configured time
//!   zone. A request accepted on Friday at 23:30 in New York was accepted on
//!   Friday, even though it is already Saturday in UTC.
//! - Saturdays, Sundays and configured holidays are not business days.
//! - The earliest date is the acceptance date plus the minimum number of
//!   business days, the latest date is the acceptance date plus the maximum.
//!   The acceptance day itself never counts, whatever the time of day.
//! - On the latest date a request has 0 business days left and is not yet
//!   overdue. From the next calendar day on, an open request is overdue.
//! - The number of business days a request is overdue by is counted up to the
//!   first business day on or after today. A request whose latest date was a
//!   Friday is therefore overdue by 1 on Saturday, Sunday and Monday, and by 2
//!   on Tuesday. An overdue request is always overdue by at least 1, which is
//!   its delay if it finishes on the next business day.

use std::collections::BTreeSet;
use std::ops::Bound;

use anyhow::{Context as _, bail};
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

/// Default minimum number of business days from acceptance to activation.
pub const DEFAULT_MIN_BUSINESS_DAYS: u32 = 3;
/// Default maximum number of business days from acceptance to activation.
pub const DEFAULT_MAX_BUSINESS_DAYS: u32 = 5;
/// Upper bound for either setting. It keeps window arithmetic bounded, and a
/// window of more than a quarter of a year is a configuration mistake.
pub const MAX_BUSINESS_DAYS_LIMIT: u32 = 60;

/// Calendar used to compute activation windows.
#[derive(Debug, Clone)]
pub struct WindowSettings {
    min_business_days: u32,
    max_business_days: u32,
    holidays: BTreeSet<Date>,
    time_zone: TimeZone,
}

/// Kind of a date in the configured calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Business,
    Weekend,
    Holiday,
}

/// Activation window of one accepted request, as calendar dates in the
/// configured time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Date of acceptance in the configured time zone.
    pub accepted_on: Date,
    /// First date the activation is expected.
    pub earliest: Date,
    /// Last date the activation is expected. Open requests after it are
    /// overdue.
    pub latest: Date,
}

/// Position of an open request in its window on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Business days after today up to and including the latest date: 0 on
    /// the latest date and after it.
    pub business_days_left: u32,
    /// True when today is after the latest date.
    pub overdue: bool,
    /// Business days past the latest date, counted up to the first business
    /// day on or after today: 0 when not overdue, at least 1 when overdue.
    pub overdue_business_days: u32,
}

impl Default for WindowSettings {
    /// 3 to 5 business days, no holidays, in the machine's local time zone.
    fn default() -> Self {
        WindowSettings {
            min_business_days: DEFAULT_MIN_BUSINESS_DAYS,
            max_business_days: DEFAULT_MAX_BUSINESS_DAYS,
            holidays: BTreeSet::new(),
            time_zone: TimeZone::system(),
        }
    }
}

impl WindowSettings {
    /// Builds settings after checking that the range is usable: the minimum
    /// must not exceed the maximum, and neither may exceed
    /// [`MAX_BUSINESS_DAYS_LIMIT`].
    pub fn new(
        min_business_days: u32,
        max_business_days: u32,
        holidays: impl IntoIterator<Item = Date>,
        time_zone: TimeZone,
    ) -> anyhow::Result<Self> {
        if min_business_days > max_business_days {
            bail!(
                "invalid business-day range: the minimum ({min_business_days}) is greater than the maximum ({max_business_days})"
            );
        }
        if max_business_days > MAX_BUSINESS_DAYS_LIMIT {
            bail!(
                "invalid business-day range: the maximum ({max_business_days}) is greater than {MAX_BUSINESS_DAYS_LIMIT}"
            );
        }

        Ok(WindowSettings {
            min_business_days,
            max_business_days,
            holidays: holidays.into_iter().collect(),
            time_zone,
        })
    }

    /// Builds settings from a time zone name as written in the configuration
    /// (an IANA name such as `America/New_York`).
    pub fn with_time_zone_name(
        min_business_days: u32,
        max_business_days: u32,
        holidays: impl IntoIterator<Item = Date>,
        time_zone_name: &str,
    ) -> anyhow::Result<Self> {
        let time_zone = TimeZone::get(time_zone_name)
            .with_context(|| format!("unknown time zone {time_zone_name:?}: use an IANA name such as \"America/New_York\""))?;
        Self::new(min_business_days, max_business_days, holidays, time_zone)
    }

    pub fn min_business_days(&self) -> u32 {
        self.min_business_days
    }

    pub fn max_business_days(&self) -> u32 {
        self.max_business_days
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    pub fn holidays(&self) -> &BTreeSet<Date> {
        &self.holidays
    }

    /// Returns the date of an instant in the configured time zone.
    pub fn date_of(&self, instant: Timestamp) -> Date {
        instant.to_zoned_datetime(self.time_zone.clone()).date()
    }

    /// Classifies a date. A holiday that falls on a weekend is reported as a
    /// holiday, so calendars can still mark it.
    pub fn day_kind(&self, date: Date) -> DayKind {
        if self.holidays.contains(&date) {
            DayKind::Holiday
        } else if is_weekend(date.weekday()) {
            DayKind::Weekend
        } else {
            DayKind::Business
        }
    }

    pub fn is_business_day(&self, date: Date) -> bool {
        self.day_kind(date) == DayKind::Business
    }

    /// Computes the activation window of a request the backend accepted at
    /// `accepted_at`.
    pub fn window(&self, accepted_at: Timestamp) -> Window {
        let accepted_on = self.date_of(accepted_at);
        Window {
            accepted_on,
            earliest: self.add_business_days(accepted_on, self.min_business_days),
            latest: self.add_business_days(accepted_on, self.max_business_days),
        }
    }

    /// Computes the progress of an open request through `window` at the
    /// instant `now`.
    pub fn progress(&self, window: &Window, now: Timestamp) -> Progress {
        let today = self.date_of(now);
        if today <= window.latest {
            return Progress {
                business_days_left: self.business_days_between(today, window.latest),
                overdue: false,
                overdue_business_days: 0,
            };
        }

        let counted_until = self.next_business_day_from(today);
        Progress {
            business_days_left: 0,
            overdue: true,
            overdue_business_days: self.business_days_between(window.latest, counted_until),
        }
    }

    /// Returns the date `count` business days after `start`. The start date
    /// itself never counts, so 0 returns `start` unchanged.
    pub fn add_business_days(&self, start: Date, count: u32) -> Date {
        let mut date = start;
        let mut remaining = count;
        while remaining > 0 {
            date = next_day(date);
            if self.is_business_day(date) {
                remaining -= 1;
            }
        }
        date
    }

    /// Counts the business days `d` with `after < d <= through`; 0 when
    /// `through` is not after `after`.
    pub fn business_days_between(&self, after: Date, through: Date) -> u32 {
        if through <= after {
            return 0;
        }

        let weekdays = count_weekdays(after, through);
        let weekday_holidays = self
            .holidays
            .range((Bound::Excluded(after), Bound::Included(through)))
            .filter(|holiday| !is_weekend(holiday.weekday()))
            .count();
        weekdays
            - u32::try_from(weekday_holidays)
                .unwrap_or(u32::MAX)
                .min(weekdays)
    }

    /// Returns `date` when it is a business day, otherwise the next one.
    fn next_business_day_from(&self, date: Date) -> Date {
        let mut day = date;
        while !self.is_business_day(day) {
            day = next_day(day);
        }
        day
    }
}

impl Window {
    /// Lists every date from the acceptance date through the latest date, for
    /// calendar displays.
    pub fn days(&self) -> Vec<Date> {
        let mut days = Vec::new();
        let mut day = self.accepted_on;
        while day <= self.latest {
            days.push(day);
            day = next_day(day);
        }
        days
    }
}

fn is_weekend(weekday: Weekday) -> bool {
    matches!(weekday, Weekday::Saturday | Weekday::Sunday)
}

/// Returns the following calendar day. Dates in a ledger are nowhere near the
/// end of jiff's supported range (year 9999), so saturating there is safe.
fn next_day(date: Date) -> Date {
    date.tomorrow().unwrap_or(date)
}

/// Counts Monday-to-Friday dates `d` with `after < d <= through`, in constant
/// time so that requests overdue for years stay cheap to list.
fn count_weekdays(after: Date, through: Date) -> u32 {
    let days = (through - after).get_days();
    let days = u32::try_from(days).unwrap_or(0);

    let full_weeks = days / 7;
    let partial_week_weekdays = (1..=days % 7)
        .filter(|offset| !is_weekend(after.weekday().wrapping_add(*offset)))
        .count();
    full_weeks * 5 + partial_week_weekdays as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn new_york(holidays: &[Date]) -> WindowSettings {
        WindowSettings::with_time_zone_name(3, 5, holidays.iter().copied(), "America/New_York")
            .unwrap()
    }

    fn instant(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    struct WindowCase {
        case: &'static str,
        holidays: &'static [Date],
        accepted_at: &'static str,
        accepted_on: Date,
        earliest: Date,
        latest: Date,
    }

    #[test]
    fn window_dates_table() {
        const YEAR_END: &[Date] = &[Date::constant(2026, 12, 25), Date::constant(2027, 1, 1)];
        const THANKSGIVING: &[Date] = &[Date::constant(2026, 11, 26)];
        let cases = [
            WindowCase {
                case: "monday morning",
                holidays: &[],
                accepted_at: "2026-12-07T14:00:00Z",
                accepted_on: date(2026, 12, 7),
                earliest: date(2026, 12, 10),
                latest: date(2026, 12, 14),
            },
            WindowCase {
                case: "wednesday",
                holidays: &[],
                accepted_at: "2026-12-02T15:00:00Z",
                accepted_on: date(2026, 12, 2),
                earliest: date(2026, 12, 7),
                latest: date(2026, 12, 9),
            },
            // 23:30 on Friday in New York is 04:30 on Saturday in UTC.
            WindowCase {
                case: "friday evening local",
                holidays: &[],
                accepted_at: "2026-12-05T04:30:00Z",
                accepted_on: date(2026, 12, 4),
                earliest: date(2026, 12, 9),
                latest: date(2026, 12, 11),
            },
            WindowCase {
                case: "saturday",
                holidays: &[],
                accepted_at: "2026-12-05T15:00:00Z",
                accepted_on: date(2026, 12, 5),
                earliest: date(2026, 12, 9),
                latest: date(2026, 12, 11),
            },
            WindowCase {
                case: "sunday",
                holidays: &[],
                accepted_at: "2026-12-06T15:00:00Z",
                accepted_on: date(2026, 12, 6),
                earliest: date(2026, 12, 9),
                latest: date(2026, 12, 11),
            },
            WindowCase {
                case: "holiday inside window",
                holidays: THANKSGIVING,
                accepted_at: "2026-11-23T15:00:00Z",
                accepted_on: date(2026, 11, 23),
                earliest: date(2026, 11, 27),
                latest: date(2026, 12, 1),
            },
            WindowCase {
                case: "year end",
                holidays: YEAR_END,
                accepted_at: "2026-12-24T15:00:00Z",
                accepted_on: date(2026, 12, 24),
                earliest: date(2026, 12, 30),
                latest: date(2027, 1, 4),
            },
            WindowCase {
                case: "accepted on a holiday",
                holidays: YEAR_END,
                accepted_at: "2026-12-25T15:00:00Z",
                accepted_on: date(2026, 12, 25),
                earliest: date(2026, 12, 30),
                latest: date(2027, 1, 4),
            },
            // Clocks go forward on 8 March 2026 and back on 1 November 2026.
            WindowCase {
                case: "spring daylight saving",
                holidays: &[],
                accepted_at: "2026-03-07T04:30:00Z",
                accepted_on: date(2026, 3, 6),
                earliest: date(2026, 3, 11),
                latest: date(2026, 3, 13),
            },
            WindowCase {
                case: "after spring change",
                holidays: &[],
                accepted_at: "2026-03-09T03:30:00Z",
                accepted_on: date(2026, 3, 8),
                earliest: date(2026, 3, 11),
                latest: date(2026, 3, 13),
            },
            WindowCase {
                case: "autumn daylight saving",
                holidays: &[],
                accepted_at: "2026-10-31T03:30:00Z",
                accepted_on: date(2026, 10, 30),
                earliest: date(2026, 11, 4),
                latest: date(2026, 11, 6),
            },
            WindowCase {
                case: "after autumn change",
                holidays: &[],
                accepted_at: "2026-11-02T04:30:00Z",
                accepted_on: date(2026, 11, 1),
                earliest: date(2026, 11, 4),
                latest: date(2026, 11, 6),
            },
        ];

        for case in cases {
            let window = new_york(case.holidays).window(instant(case.accepted_at));
            assert_eq!(
                window.accepted_on, case.accepted_on,
                "{}: accepted on",
                case.case
            );
            assert_eq!(window.earliest, case.earliest, "{}: earliest", case.case);
            assert_eq!(window.latest, case.latest, "{}: latest", case.case);
        }
    }

    #[test]
    fn window_depends_on_time_zone() {
        let accepted_at = instant("2026-12-05T04:30:00Z");
        let utc = WindowSettings::new(3, 5, [], TimeZone::UTC).unwrap();
        let window = utc.window(accepted_at);
        assert_eq!(window.accepted_on, date(2026, 12, 5));
        assert_eq!(window.latest, date(2026, 12, 11));

        let new_york_window = new_york(&[]).window(accepted_at);
        assert_eq!(new_york_window.accepted_on, date(2026, 12, 4));
    }

    #[test]
    fn progress_table() {
        // Accepted Friday 4 December 2026 in New York: latest is Friday 11 December.
        let settings = new_york(&[]);
        let window = settings.window(instant("2026-12-04T15:00:00Z"));
        let cases: &[(&str, &str, u32, bool, u32)] = &[
            // (case, now, business days left, overdue, overdue by)
            ("accepted day", "2026-12-04T20:00:00Z", 5, false, 0),
            ("first weekend", "2026-12-05T15:00:00Z", 5, false, 0),
            ("monday", "2026-12-07T15:00:00Z", 4, false, 0),
            ("day before latest", "2026-12-10T15:00:00Z", 1, false, 0),
            ("latest morning", "2026-12-11T14:00:00Z", 0, false, 0),
            // 23:59 on the latest day in New York is already Saturday in UTC.
            ("latest last minute", "2026-12-12T04:59:00Z", 0, false, 0),
            ("saturday after latest", "2026-12-12T15:00:00Z", 0, true, 1),
            ("sunday after latest", "2026-12-13T15:00:00Z", 0, true, 1),
            ("monday after latest", "2026-12-14T15:00:00Z", 0, true, 1),
            ("tuesday after latest", "2026-12-15T15:00:00Z", 0, true, 2),
            (
                "two weeks after latest",
                "2026-12-25T15:00:00Z",
                0,
                true,
                10,
            ),
        ];

        for (case, now, left, overdue, overdue_by) in cases {
            let progress = settings.progress(&window, instant(now));
            assert_eq!(
                progress.business_days_left, *left,
                "{case}: business days left"
            );
            assert_eq!(progress.overdue, *overdue, "{case}: overdue");
            assert_eq!(
                progress.overdue_business_days, *overdue_by,
                "{case}: overdue by"
            );
        }
    }

    #[test]
    fn progress_skips_holidays_after_latest() {
        // Latest is Thursday 24 December; the 25th is a holiday.
        let settings = new_york(&[date(2026, 12, 25)]);
        let window = settings.window(instant("2026-12-17T15:00:00Z"));
        assert_eq!(window.latest, date(2026, 12, 24));

        let on_holiday = settings.progress(&window, instant("2026-12-25T15:00:00Z"));
        assert!(on_holiday.overdue);
        assert_eq!(on_holiday.overdue_business_days, 1);

        let monday = settings.progress(&window, instant("2026-12-28T15:00:00Z"));
        assert_eq!(monday.overdue_business_days, 1);

        let tuesday = settings.progress(&window, instant("2026-12-29T15:00:00Z"));
        assert_eq!(tuesday.overdue_business_days, 2);
    }

    #[test]
    fn holiday_added_later_moves_window() {
        let accepted_at = instant("2026-12-07T15:00:00Z");
        let before = new_york(&[]).window(accepted_at);
        let after = new_york(&[date(2026, 12, 9)]).window(accepted_at);
        assert_eq!(before.latest, date(2026, 12, 14));
        assert_eq!(after.latest, date(2026, 12, 15));
    }

    #[test]
    fn business_days_between_matches_day_by_day_count() {
        let settings = new_york(&[date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 2)]);
        let start = date(2026, 12, 1);
        for offset in 0..60 {
            let through = add_calendar_days(start, offset);
            for after_offset in 0..=offset {
                let after = add_calendar_days(start, after_offset);
                let expected = Window {
                    accepted_on: after,
                    earliest: after,
                    latest: through,
                }
                .days()
                .into_iter()
                .filter(|day| *day > after && settings.is_business_day(*day))
                .count() as u32;
                assert_eq!(
                    settings.business_days_between(after, through),
                    expected,
                    "between {after} and {through}"
                );
            }
        }
    }

    #[test]
    fn day_kind_marks_weekends_and_holidays() {
        let settings = new_york(&[date(2026, 12, 25), date(2026, 12, 26)]);
        assert_eq!(settings.day_kind(date(2026, 12, 24)), DayKind::Business);
        assert_eq!(settings.day_kind(date(2026, 12, 25)), DayKind::Holiday);
        assert_eq!(settings.day_kind(date(2026, 12, 26)), DayKind::Holiday);
        assert_eq!(settings.day_kind(date(2026, 12, 27)), DayKind::Weekend);
    }

    #[test]
    fn window_days_cover_acceptance_to_latest() {
        let settings = new_york(&[]);
        let window = settings.window(instant("2026-12-04T15:00:00Z"));
        let days = window.days();
        assert_eq!(days.first(), Some(&date(2026, 12, 4)));
        assert_eq!(days.last(), Some(&date(2026, 12, 11)));
        assert_eq!(days.len(), 8);
    }

    #[test]
    fn settings_reject_invalid_ranges() {
        let cases: &[(u32, u32, &str)] = &[
            (6, 5, "minimum (6) is greater than the maximum (5)"),
            (3, 61, "maximum (61) is greater than 60"),
        ];
        for (min, max, expected) in cases {
            let error = WindowSettings::new(*min, *max, [], TimeZone::UTC).unwrap_err();
            assert!(
                error.to_string().contains(expected),
                "{min}..{max}: {error}"
            );
        }

        let error = WindowSettings::with_time_zone_name(3, 5, [], "Mars/Olympus").unwrap_err();
        assert!(error.to_string().contains("Mars/Olympus"), "{error}");
    }

    #[test]
    fn zero_minimum_starts_on_acceptance_day() {
        let settings = WindowSettings::new(0, 1, [], TimeZone::UTC).unwrap();
        let window = settings.window(instant("2026-12-05T15:00:00Z"));
        assert_eq!(window.earliest, date(2026, 12, 5));
        assert_eq!(window.latest, date(2026, 12, 7));
    }

    fn add_calendar_days(start: Date, days: u32) -> Date {
        (0..days).fold(start, |day, _| next_day(day))
    }
}
