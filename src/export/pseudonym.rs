//! The pseudonymous profile's transformation: nothing free-text is copied that
//! could name someone or the client. The map's name, change and description are
//! replaced; roles, org units and tags are generalised to k-anonymity
//! ([`super::generalise`]); conversation channels become their kind, stance-
//! history sources "note" unless Coalition wrote them; names become
//! "<generalised role> <letter>". Notes, summaries and next steps are dropped
//! before this runs ([`super::profile::apply`]).

use std::collections::HashMap;

use super::generalise::{Generalised, K, roles_units_and_tags};
use super::identifiers::{Identifiers, tokens};
use crate::model::MapSnapshot;
use crate::model::text::name_key;

/// The map's name in a pseudonymous export.
pub const MAP_NAME: &str = "Stakeholder map";

/// The change, in a pseudonymous export.
pub const CHANGE: &str = "the change";

/// The map's description in a pseudonymous export: what the profile promises.
pub fn statement() -> String {
    format!(
        "Pseudonymous copy: names are replaced by a generalised role and a letter; every \
         role, group and tag shown is held by at least {K} people (k-anonymity, k = {K}); \
         names, e-mail addresses, outside firms and sites are removed from all text."
    )
}

/// The channels a conversation may be reduced to, each with the words that
/// name it (the first found wins), in that order.
const CHANNELS: [(&str, &[&str]); 8] = [
    ("video call", &["video", "teams", "zoom", "webex"]),
    ("call", &["call", "phone", "telephone"]),
    ("e-mail", &["email", "e-mail", "mail"]),
    ("message", &["message", "chat", "text", "slack", "whatsapp"]),
    ("workshop", &["workshop", "session", "training"]),
    (
        "lunch",
        &["lunch", "dinner", "breakfast", "coffee", "drinks"],
    ),
    ("visit", &["visit", "walk", "tour"]),
    (
        "meeting",
        &["meeting", "meet", "1:1", "one-to-one", "review"],
    ),
];

/// The stance-history sources Coalition itself writes; any other is replaced.
const SOURCES: [&str; 4] = ["created", "edited", "engagement", "imported"];

/// Pseudonymises `map` in place and says what was generalised.
pub fn pseudonymise(map: &mut MapSnapshot) -> Generalised {
    let ids = Identifiers::of(map);
    map.info.name = MAP_NAME.into();
    map.info.change = CHANGE.into();
    map.info.description = statement();
    let mut report = roles_units_and_tags(map, &ids);
    for e in &mut map.engagements {
        if e.channel.trim().is_empty() {
            continue;
        }
        let kind = channel_kind(&e.channel);
        if kind != e.channel {
            report.channels += 1;
            e.channel = kind.into();
        }
    }
    for c in &mut map.stance_history {
        if !SOURCES.contains(&c.source.as_str()) {
            report.sources += 1;
            c.source = "note".into();
        }
    }
    rename(map);
    report
}

/// The kind of a channel as typed: "call with Dana" → "call"; "conversation"
/// when no known word is in it.
fn channel_kind(channel: &str) -> &'static str {
    let lower = channel.to_lowercase();
    let words: Vec<&str> = tokens(&lower).collect();
    CHANNELS
        .iter()
        .find(|(_, names)| {
            names
                .iter()
                .any(|n| words.contains(n) || (n.contains([':', '-']) && lower.contains(n)))
        })
        .map_or("conversation", |(kind, _)| kind)
}

/// Names everyone "<role> <letter>" (or their unit's, or "Person", without a
/// role), letters given in order of id (the order people were added), not by
/// name, so they do not hint at the alphabetical order of the real names.
fn rename(map: &mut MapSnapshot) {
    let mut order: Vec<usize> = (0..map.stakeholders.len()).collect();
    order.sort_by_key(|&i| map.stakeholders[i].id);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in order {
        let p = &mut map.stakeholders[i];
        let label = [&p.role, &p.group]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .map_or("Person", |t| t.trim())
            .to_string();
        let n = counts.entry(name_key(&label)).or_default();
        p.name = format!("{label} {}", letters(*n));
        *n += 1;
    }
    map.stakeholders.sort_by(|a, b| {
        name_key(&a.name)
            .cmp(&name_key(&b.name))
            .then(a.id.cmp(&b.id))
    });
}

/// 0 → A, 25 → Z, 26 → AA, like spreadsheet columns.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_become_their_kind() {
        for (typed, kind) in [
            ("call with Dana", "call"),
            ("Teams call, Leeds", "video call"),
            ("coffee with Oleg Petrov", "lunch"),
            ("meeting", "meeting"),
            ("1:1 with Zoe", "meeting"),
            ("e-mail", "e-mail"),
            ("by the lifts", "conversation"),
        ] {
            assert_eq!(channel_kind(typed), kind, "{typed}");
        }
    }

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27 * 26), "AAA");
    }
}
