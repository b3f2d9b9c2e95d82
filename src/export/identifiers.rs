//! What identifies someone or the client in a map's text, for the pseudonymous
//! profile: people's names (whole, and their first and last names), e-mail
//! addresses, the outside firms and sites that roles and org units name in
//! their qualifiers ("Plant Manager – Leeds", "Audit Partner (Calder & Finch
//! LLP)"), and the proper nouns of the map's name, change and description (the
//! client, its sites, its project). Found as whole words, ignoring case.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::MapSnapshot;

/// The shortest name token looked for on its own ("Ana" yes, "Al" no).
const MIN_TOKEN_CHARS: usize = 3;

/// Words never treated as identifying on their own, though a name, a
/// qualifier or a title may hold them: name particles, and the everyday words
/// of roles, units and the profile's own labels. A person called "Mark Head"
/// is still found by their full name; "head" alone is ambiguous.
const AMBIGUOUS: &[&str] = &[
    "and",
    "the",
    "for",
    "with",
    "van",
    "von",
    "der",
    "den",
    "del",
    "della",
    "des",
    "bin",
    "ibn",
    "abu",
    "mac",
    "mrs",
    "miss",
    "chief",
    "head",
    "lead",
    "leader",
    "manager",
    "director",
    "officer",
    "senior",
    "junior",
    "staff",
    "team",
    "unit",
    "units",
    "group",
    "other",
    "external",
    "adviser",
    "advisor",
    "person",
    "people",
    "stakeholder",
    "map",
    "change",
    "project",
    "programme",
    "program",
    "plan",
    "new",
    "old",
    "all",
    "one",
    "our",
];

/// The separators after which a role or an org unit names a place or a team
/// ("Operations – Leeds", "Finance / Payables").
pub const QUALIFIER_SEPARATORS: [&str; 6] = [" – ", " — ", " - ", " / ", " > ", ": "];

/// The identifying words of one map, and a fast whole-word search for them.
pub struct Identifiers {
    automaton: Option<AhoCorasick>,
    /// Answers so far, by text: roles, units and tags repeat across a big map.
    answers: RefCell<HashMap<String, bool>>,
}

impl Identifiers {
    /// Everything in `map` that identifies someone or the client.
    pub fn of(map: &MapSnapshot) -> Identifiers {
        let mut words: HashSet<String> = HashSet::new();
        let mut add = |word: &str, whole: bool| {
            let key = word.trim().to_lowercase();
            if !key.is_empty() && (whole || alone(&key)) {
                words.insert(key);
            }
        };
        for p in &map.stakeholders {
            // A whole name is looked for only when none of its words is: a text
            // that holds the name as a whole word holds each of its words as a
            // whole word too. At 100,000 people the names were most of the
            // search's states (the pseudonymous HTML export: 22 MB of them).
            let name = p.name.trim().to_lowercase();
            let mut found_alone = false;
            for token in tokens(&p.name) {
                let key = token.trim().to_lowercase();
                found_alone |= alone(&key) && holds_word(&name, &key);
                add(token, false);
            }
            if !found_alone {
                add(&p.name, true);
            }
            for text in [&p.role, &p.group] {
                for qualifier in qualifiers(text) {
                    for token in tokens(qualifier) {
                        add(token, false);
                    }
                }
            }
        }
        let info = &map.info;
        for token in tokens(&info.name).filter(|t| starts_upper(t)) {
            add(token, false);
        }
        for text in [&info.change, &info.description] {
            for token in proper_nouns(text) {
                add(token, false);
            }
        }
        let mut words: Vec<String> = words.into_iter().collect();
        words.sort();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok();
        Identifiers {
            automaton,
            answers: RefCell::default(),
        }
    }

    /// True when `text` holds an identifying word as a whole word, or an e-mail
    /// address.
    pub fn found_in(&self, text: &str) -> bool {
        if let Some(&known) = self.answers.borrow().get(text) {
            return known;
        }
        let found = has_email(text) || self.search(text);
        self.answers.borrow_mut().insert(text.to_string(), found);
        found
    }

    /// The whole-word search behind [`Identifiers::found_in`].
    fn search(&self, text: &str) -> bool {
        let Some(automaton) = &self.automaton else {
            return false;
        };
        let lower = text.to_lowercase();
        automaton
            .find_overlapping_iter(&lower)
            .any(|m| whole_word(&lower, m.start(), m.end()))
    }
}

/// True when a word of a name (lowercased) is looked for on its own: long
/// enough and not an everyday word.
fn alone(key: &str) -> bool {
    key.chars().count() >= MIN_TOKEN_CHARS && !AMBIGUOUS.contains(&key)
}

/// True when `text[start..end]` stands as a whole word: no letter or digit
/// right before or after it.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// True when `text` holds `word` as a whole word.
fn holds_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(at, _)| whole_word(text, at, at + word.len()))
}

/// The words of `text`: runs of letters, digits and apostrophes.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|t| t.trim_matches('\''))
        .filter(|t| !t.is_empty())
}

/// The qualifiers of a role or an org unit: what parentheses hold, and what
/// follows a [`QUALIFIER_SEPARATORS`] separator.
pub fn qualifiers(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let inner = &rest[open + 1..];
        let close = inner.find(')').unwrap_or(inner.len());
        out.push(&inner[..close]);
        rest = &inner[close..];
    }
    let base = text.split('(').next().unwrap_or("");
    if let Some(at) = QUALIFIER_SEPARATORS
        .iter()
        .filter_map(|s| base.find(s).map(|i| i + s.len()))
        .min()
    {
        out.push(&base[at..]);
    }
    out
}

/// `text` without its qualifiers: "Plant Manager – Leeds" → "Plant Manager",
/// "Audit Partner (Calder & Finch LLP)" → "Audit Partner".
pub fn base(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let cut = QUALIFIER_SEPARATORS
        .iter()
        .filter_map(|s| out.find(s))
        .min()
        .unwrap_or(out.len());
    out[..cut].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The capitalised words of `text` that do not start a sentence: the names of
/// firms, places and projects ("Replace Harwell Components' ERP across the
/// Leeds plant" → Harwell, Components, ERP, Leeds).
fn proper_nouns(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || c == '\'';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let token = text[s..i].trim_matches('\'');
                if !sentence_start && starts_upper(token) {
                    out.push(token);
                }
                sentence_start = false;
                start = None;
            }
            _ => {}
        }
        if ".!?;\n".contains(c) {
            sentence_start = true;
        }
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `text` holds something shaped like an e-mail address (`x@y.z`).
pub fn has_email(text: &str) -> bool {
    text.match_indices('@').any(|(at, _)| {
        let local = text[..at].chars().next_back();
        let domain = &text[at + 1..];
        let host: String = domain
            .chars()
            .take_while(|c| c.is_alphanumeric() || "-.".contains(*c))
            .collect();
        local.is_some_and(|c| c.is_alphanumeric() || "._-+".contains(c))
            && host.trim_end_matches('.').contains('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapInfo, Stakeholder};

    fn map(people: &[(&str, &str, &str)], change: &str) -> MapSnapshot {
        MapSnapshot {
            info: MapInfo {
                name: "Project Keystone".into(),
                change: change.into(),
                description: String::new(),
                created: chrono::DateTime::UNIX_EPOCH,
                updated: chrono::DateTime::UNIX_EPOCH,
            },
            stakeholders: people
                .iter()
                .map(|(name, role, group)| {
                    let mut p = Stakeholder::new(name).unwrap();
                    p.role = role.to_string();
                    p.group = group.to_string();
                    p
                })
                .collect(),
            relations: vec![],
            engagements: vec![],
            stance_history: vec![],
        }
    }

    #[test]
    fn names_their_parts_firms_sites_and_the_clients_words_are_found() {
        let m = map(
            &[
                (
                    "Zoe Brandt",
                    "Audit Partner (Calder & Finch LLP)",
                    "External",
                ),
                ("Al Li", "Plant Manager – Leeds", "Operations – Coventry"),
            ],
            "Replace Harwell Components' ERP across the Gdańsk plant",
        );
        let ids = Identifiers::of(&m);
        for text in [
            "Deputy of Zoe Brandt's unit",
            "call with zoe",
            "BRANDT",
            "calder",
            "Finch",
            "leeds-site",
            "Coventry",
            "harwell veteran",
            "gdańsk",
            "keystone",
            "oleg.petrov@harwell.example",
            "Al Li",
        ] {
            assert!(ids.found_in(text), "{text}");
        }
        for text in [
            "Financial controller",
            "Head of unit",
            "Plant Manager",
            "call",
            "Replace",
        ] {
            assert!(!ids.found_in(text), "{text}");
        }
    }

    /// The search as it was when every whole name was looked for too: each name,
    /// and each of its words on its own, found as a whole word.
    fn found_by_every_name(names: &[String], text: &str) -> bool {
        let text = text.to_lowercase();
        names.iter().any(|name| {
            let whole = name.trim().to_lowercase();
            let words = tokens(name).map(|t| t.trim().to_lowercase());
            std::iter::once(whole)
                .chain(words.filter(|k| alone(k)))
                .any(|k| !k.is_empty() && holds_word(&text, &k))
        })
    }

    proptest::proptest! {
        #[test]
        fn a_name_is_found_whether_it_is_looked_for_whole_or_by_its_words(
            names in proptest::collection::vec("[A-Za-zΣσς][A-Za-zΣσς' .-]{0,11}", 1..6),
            picks in proptest::collection::vec((0usize..6, 0usize..12, 0usize..12), 0..4),
            glue in "[ a-zΣ.,'-]{0,3}",
        ) {
            let people: Vec<(&str, &str, &str)> = names.iter().map(|n| (n.as_str(), "", "")).collect();
            let ids = Identifiers::of(&map(&people, ""));
            // Texts made of whole names and pieces of them, joined by what may or
            // may not break a word.
            let mut text = String::new();
            for (who, from, len) in &picks {
                let name: Vec<char> = names[who % names.len()].chars().collect();
                let from = from % name.len();
                let to = (from + len).min(name.len());
                let piece: String = if len % 3 == 0 { name.iter().collect() } else { name[from..to].iter().collect() };
                text.push_str(&piece);
                text.push_str(&glue);
            }
            let names: Vec<String> = people.iter().map(|(n, _, _)| n.to_string()).collect();
            // The map's own name ("Project Keystone") is looked for too.
            let expected = found_by_every_name(&names, &text) || holds_word(&text.to_lowercase(), "keystone") || has_email(&text);
            proptest::prop_assert_eq!(ids.found_in(&text), expected, "{:?} in {:?}", text, names);
        }
    }

    #[test]
    fn a_name_whose_word_lowercases_differently_on_its_own_is_looked_for_whole() {
        // Alone, "ANNAΣ" ends in a final sigma (ς); inside "ANNAΣ.B" the sigma
        // is followed by a letter, so the name lowercases to "annaσ.b".
        let ids = Identifiers::of(&map(&[("ANNAΣ.B", "", "")], ""));
        assert!(ids.found_in("met ANNAΣ.B today"));
        assert!(!ids.found_in("met annaσ.c today"));
    }

    #[test]
    fn qualifiers_are_what_parentheses_hold_and_what_follows_a_dash() {
        assert_eq!(
            qualifiers("Audit Partner (Calder & Finch LLP)"),
            ["Calder & Finch LLP"]
        );
        assert_eq!(qualifiers("Plant Manager – Leeds"), ["Leeds"]);
        assert_eq!(base("Plant Manager – Leeds"), "Plant Manager");
        assert_eq!(base("Audit Partner (Calder & Finch LLP)"), "Audit Partner");
        assert_eq!(base("Senior Developer (legacy ERP)"), "Senior Developer");
        assert_eq!(base("Finance / Payables"), "Finance");
        assert_eq!(base("-Plant manager"), "-Plant manager");
    }

    #[test]
    fn e_mail_addresses_are_recognised() {
        assert!(has_email("oleg.petrov@harwell.example"));
        assert!(has_email("write to a@b.co today"));
        assert!(!has_email("@Buyer"));
        assert!(!has_email("me@home"));
    }
}
