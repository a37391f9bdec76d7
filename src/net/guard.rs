//! The private-address guard: issuer URLs come from clients, so before the
//! tool connects anywhere it resolves the host itself and rejects addresses
//! that point into the staff member's own network or at a cloud metadata
//! service. The checked addresses are then pinned on the HTTP client, so a
//! second DNS answer cannot swap them between the check and the connect.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};

use url::{Host, Url};

use super::FetchError;

/// Addresses a host name resolved to, all of them checked.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub host: String,
    /// Empty for an IP literal, which needs no pinning.
    pub pinned: Vec<SocketAddr>,
}

/// Resolves the host of `url` and rejects it when any of its addresses is
/// in a blocked range, unless `allow_private` is set.
///
/// Every address is checked, not only the first, because the connector may
/// try them in any order.
pub fn resolve_and_check(url: &Url, allow_private: bool) -> Result<Resolved, FetchError> {
    let port = url.port_or_known_default().unwrap_or(443);
    let (host, addresses, literal) = match url.host() {
        Some(Host::Ipv4(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V4(ip), port)], true),
        Some(Host::Ipv6(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V6(ip), port)], true),
        Some(Host::Domain(name)) => (name.to_string(), resolve_name(name, port)?, false),
        None => {
            return Err(FetchError::InvalidUrl { url: url.to_string(), reason: "it has no host".into() });
        }
    };

    if !allow_private {
        for address in &addresses {
            if let Some(range) = blocked_range(address.ip()) {
                return Err(FetchError::PrivateAddress { host, address: address.ip(), range });
            }
        }
    }

    let pinned = if literal { Vec::new() } else { addresses };
    Ok(Resolved { host, pinned })
}

fn resolve_name(name: &str, port: u16) -> Result<Vec<SocketAddr>, FetchError> {
    let failed = |detail: String| FetchError::Dns { host: name.to_string(), detail };

    let addresses: Vec<SocketAddr> =
        (name, port).to_socket_addrs().map_err(|error| failed(error.to_string()))?.collect();
    if addresses.is_empty() {
        return Err(failed("no addresses".into()));
    }
    Ok(addresses)
}

/// Names the blocked range an address falls in, or `None` for an address the
/// tool may connect to without `--allow-private-network`.
pub fn blocked_range(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => blocked_v4(v4),
        IpAddr::V6(v6) => blocked_v6(v6),
    }
}

fn blocked_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, d] = ip.octets();

    // Checked before link-local so the message names the metadata service.
    if [a, b, c, d] == [169, 254, 169, 254] {
        return Some("cloud metadata service");
    }

    match (a, b, c) {
        (0, _, _) => Some("unspecified (0.0.0.0/8)"),
        (10, _, _) => Some("private network (10.0.0.0/8)"),
        (100, 64..=127, _) => Some("carrier-grade NAT (100.64.0.0/10)"),
        (127, _, _) => Some("loopback"),
        (169, 254, _) => Some("link-local (169.254.0.0/16)"),
        (172, 16..=31, _) => Some("private network (172.16.0.0/12)"),
        (192, 0, 0) => Some("IETF protocol assignments (192.0.0.0/24)"),
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Some("documentation range"),
        (192, 168, _) => Some("private network (192.168.0.0/16)"),
        (198, 18..=19, _) => Some("benchmarking range (198.18.0.0/15)"),
        (224..=239, _, _) => Some("multicast"),
        (255, 255, 255) if d == 255 => Some("broadcast"),
        (240..=255, _, _) => Some("reserved (240.0.0.0/4)"),
        _ => None,
    }
}

fn blocked_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    if let Some(v4) = embedded_v4(ip) {
        return blocked_v4(v4);
    }

    let segments = ip.segments();
    if segments[..4] == [0xfd00, 0x0ec2, 0, 0] && segments[4..] == [0, 0, 0, 0x0254] {
        return Some("cloud metadata service");
    }

    match segments[0] {
        0xfe80..=0xfebf => Some("link-local (fe80::/10)"),
        0xfec0..=0xfeff => Some("site-local (fec0::/10)"),
        0xfc00..=0xfdff => Some("unique local (fc00::/7)"),
        0xff00..=0xffff => Some("multicast"),
        0x2001 if segments[1] == 0x0db8 => Some("documentation range (2001:db8::/32)"),
        0x0100 if segments[1..4] == [0, 0, 0] => Some("discard-only (100::/64)"),
        _ => None,
    }
}

/// Returns the IPv4 address an IPv6 address carries when it is only a
/// wrapper around one: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`).
/// Without this, `::ffff:127.0.0.1` would slip past the IPv4 rules.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let segments = ip.segments();
    let tail = Ipv4Addr::new((segments[6] >> 8) as u8, segments[6] as u8, (segments[7] >> 8) as u8, segments[7] as u8);

    match segments {
        [0, 0, 0, 0, 0, 0xffff, _, _] | [0, 0, 0, 0, 0, 0, _, _] => Some(tail),
        [0x0064, 0xff9b, 0, 0, 0, 0, _, _] => Some(tail),
        [0x2002, high, low, ..] => Some(Ipv4Addr::new((high >> 8) as u8, high as u8, (low >> 8) as u8, low as u8)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_range_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("127.0.0.1", Some("loopback")),
            ("127.255.0.9", Some("loopback")),
            ("10.1.2.3", Some("private network (10.0.0.0/8)")),
            ("172.16.0.1", Some("private network (172.16.0.0/12)")),
            ("172.31.255.255", Some("private network (172.16.0.0/12)")),
            ("172.32.0.1", None),
            ("192.168.1.1", Some("private network (192.168.0.0/16)")),
            ("100.64.0.1", Some("carrier-grade NAT (100.64.0.0/10)")),
            ("100.127.255.254", Some("carrier-grade NAT (100.64.0.0/10)")),
            ("100.128.0.1", None),
            ("169.254.169.254", Some("cloud metadata service")),
            ("169.254.1.1", Some("link-local (169.254.0.0/16)")),
            ("0.0.0.0", Some("unspecified (0.0.0.0/8)")),
            ("224.0.0.1", Some("multicast")),
            ("255.255.255.255", Some("broadcast")),
            ("240.0.0.1", Some("reserved (240.0.0.0/4)")),
            ("192.0.2.10", Some("documentation range")),
            ("198.51.100.10", Some("documentation range")),
            ("203.0.113.10", Some("documentation range")),
            ("198.18.0.1", Some("benchmarking range (198.18.0.0/15)")),
            ("8.8.8.8", None),
            ("1.1.1.1", None),
            ("::1", Some("loopback")),
            ("::", Some("unspecified")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("::ffff:10.0.0.1", Some("private network (10.0.0.0/8)")),
            ("::ffff:169.254.169.254", Some("cloud metadata service")),
            ("::ffff:8.8.8.8", None),
            ("::127.0.0.1", Some("loopback")),
            ("64:ff9b::a9fe:a9fe", Some("cloud metadata service")),
            ("2002:c0a8:0101::1", Some("private network (192.168.0.0/16)")),
            ("fe80::1", Some("link-local (fe80::/10)")),
            ("fc00::1", Some("unique local (fc00::/7)")),
            ("fd12:3456::1", Some("unique local (fc00::/7)")),
            ("fd00:ec2::254", Some("cloud metadata service")),
            ("ff02::1", Some("multicast")),
            ("2001:db8::1", Some("documentation range (2001:db8::/32)")),
            ("2606:4700::1111", None),
            ("2001:4860:4860::8888", None),
        ];
        for (address, expected) in cases {
            let ip: IpAddr = address.parse().unwrap();
            assert_eq!(blocked_range(ip), *expected, "address {address}");
        }
    }

    #[test]
    fn literal_loopback_rejected() {
        let url = Url::parse("https://127.0.0.1:8443/oauth2/default").unwrap();
        let error = resolve_and_check(&url, false).unwrap_err();
        assert!(matches!(error, FetchError::PrivateAddress { range: "loopback", .. }), "{error:?}");
    }

    #[test]
    fn literal_ipv6_mapped_rejected() {
        let url = Url::parse("https://[::ffff:7f00:1]/").unwrap();
        let error = resolve_and_check(&url, false).unwrap_err();
        assert!(matches!(error, FetchError::PrivateAddress { range: "loopback", .. }), "{error:?}");
    }

    #[test]
    fn literal_blocked_addresses_rejected_without_lookup() {
        // IP literals, in the spellings the URL parser accepts, are judged
        // without any DNS lookup or connection.
        let cases = [
            ("https://169.254.169.254/latest/meta-data/", "cloud metadata service"),
            ("https://[::ffff:169.254.169.254]/", "cloud metadata service"),
            ("https://[fd00:ec2::254]/", "cloud metadata service"),
            ("https://0.0.0.0:8443/", "unspecified (0.0.0.0/8)"),
            ("https://[::]/", "unspecified"),
            ("https://127.1/", "loopback"),
            ("https://0x7f.1/", "loopback"),
            ("https://2130706433/", "loopback"),
            ("https://[::1]:8443/", "loopback"),
            ("https://[::ffff:127.0.0.1]/", "loopback"),
            ("https://10.0.0.1/", "private network (10.0.0.0/8)"),
        ];
        for (text, expected) in cases {
            let url = Url::parse(text).unwrap();
            let error = resolve_and_check(&url, false).unwrap_err();
            assert!(
                matches!(error, FetchError::PrivateAddress { range, .. } if range == expected),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn literal_allowed_when_private_networks_allowed() {
        let url = Url::parse("https://127.0.0.1:8443/").unwrap();
        let resolved = resolve_and_check(&url, true).unwrap();
        assert_eq!(resolved.host, "127.0.0.1");
        assert!(resolved.pinned.is_empty());
    }

    #[test]
    fn localhost_name_rejected_and_pinned_when_allowed() {
        let url = Url::parse("https://localhost:9/").unwrap();
        let error = resolve_and_check(&url, false).unwrap_err();
        assert!(matches!(error, FetchError::PrivateAddress { .. }), "{error:?}");

        let resolved = resolve_and_check(&url, true).unwrap();
        assert!(!resolved.pinned.is_empty());
        assert!(resolved.pinned.iter().all(|address| address.port() == 9));
    }
}
