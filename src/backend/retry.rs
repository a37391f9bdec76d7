//! When to retry a backend call and how long to wait: exponential backoff
//! with jitter, the server's `Retry-After` when it sends one, a maximum
//! number of attempts and a maximum total time.

use std::time::{Duration, SystemTime};

/// Retry limits of a [`super::BackendClient`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, the first one included.
    pub max_attempts: u32,
    /// Wait before the second attempt; it doubles for each further one.
    pub base_delay: Duration,
    /// Largest backoff wait between two attempts.
    pub max_delay: Duration,
    /// Largest `Retry-After` the client honours. A longer one ends the
    /// retries, because a command that waits for minutes looks hung.
    pub max_retry_after: Duration,
    /// Time budget for all attempts and waits of one call. No retry starts
    /// once the next wait would pass it.
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(20),
            max_total: Duration::from_secs(30),
        }
    }
}

/// Next step after a retryable failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(Duration),
    /// Stop: the attempts or the time budget are used up.
    GiveUp,
    /// Stop: the server asked for a wait longer than the policy allows.
    WaitTooLong(Duration),
}

impl RetryPolicy {
    /// Returns a policy that never retries.
    pub fn none() -> RetryPolicy {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Decides about the attempt after `attempt` (1 for the first), given
    /// the time already spent, the server's `Retry-After` and a random
    /// value in `0.0..1.0` for the jitter.
    pub fn decide(&self, attempt: u32, spent: Duration, retry_after: Option<Duration>, random: f64) -> Decision {
        if attempt >= self.max_attempts {
            return Decision::GiveUp;
        }

        let wait = match retry_after {
            Some(wait) if wait > self.max_retry_after => return Decision::WaitTooLong(wait),
            Some(wait) => wait,
            None => self.backoff(attempt, random),
        };
        if spent + wait > self.max_total {
            return Decision::GiveUp;
        }
        Decision::RetryAfter(wait)
    }

    /// Backoff before the attempt after `attempt`: the base delay doubled
    /// per earlier retry and capped, then a random point in its upper half,
    /// so clients that failed together do not retry together.
    fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(16);
        let full = self.base_delay.saturating_mul(1 << doublings).min(self.max_delay);
        full.mul_f64(0.5 + random.clamp(0.0, 1.0) / 2.0)
    }
}

/// Parses a `Retry-After` value: a number of seconds, or an HTTP date that
/// is turned into the time left from `now` (zero when it is past).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }

    // An HTTP date (IMF-fixdate, as in "Wed, 21 Oct 2015 07:28:00 GMT") is
    // a valid RFC 2822 date-time.
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let now = jiff::Timestamp::try_from(now).ok()?;
    let left = date.duration_since(now);
    Some(Duration::try_from(left).unwrap_or(Duration::ZERO))
}

/// A random value in `0.0..1.0` for the jitter, from the random bits of a
/// version 4 UUID, which the crate already draws from the OS.
pub fn jitter_random() -> f64 {
    let bits = uuid::Uuid::new_v4().as_u128() as u64;
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(5),
            max_total: Duration::from_secs(10),
        }
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let policy = policy();
        let cases = [
            (1, 1.0, 100),
            (2, 1.0, 200),
            (3, 1.0, 300),
            (1, 0.0, 50),
            (2, 0.0, 100),
            (3, 0.0, 150),
        ];
        for (attempt, random, millis) in cases {
            assert_eq!(
                policy.decide(attempt, Duration::ZERO, None, random),
                Decision::RetryAfter(Duration::from_millis(millis)),
                "attempt {attempt}, random {random}"
            );
        }
    }

    #[test]
    fn attempts_are_bounded() {
        assert_eq!(policy().decide(4, Duration::ZERO, None, 0.5), Decision::GiveUp);
        assert_eq!(RetryPolicy::none().decide(1, Duration::ZERO, None, 0.5), Decision::GiveUp);
    }

    #[test]
    fn total_time_is_bounded() {
        let spent = Duration::from_millis(9_950);
        assert_eq!(policy().decide(1, spent, None, 1.0), Decision::GiveUp);
        assert_eq!(policy().decide(1, spent, Some(Duration::from_secs(1)), 0.0), Decision::GiveUp);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let policy = policy();
        assert_eq!(
            policy.decide(1, Duration::ZERO, Some(Duration::from_secs(2)), 0.0),
            Decision::RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(
            policy.decide(1, Duration::ZERO, Some(Duration::from_secs(60)), 0.0),
            Decision::WaitTooLong(Duration::from_secs(60))
        );
    }

    #[test]
    fn retry_after_formats() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21T07:28:00Z
        let cases = [
            ("3", Some(3)),
            (" 0 ", Some(0)),
            ("Wed, 21 Oct 2015 07:28:10 GMT", Some(10)),
            ("Wed, 21 Oct 2015 07:27:00 GMT", Some(0)),
            ("soon", None),
            ("-1", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected.map(Duration::from_secs), "{value:?}");
        }
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..100 {
            let value = jitter_random();
            assert!((0.0..1.0).contains(&value), "{value}");
        }
    }
}
