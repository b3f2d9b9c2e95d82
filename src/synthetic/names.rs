//! Realistic, varied and unique full names for generated maps.
//!
//! The lists mix many cultures and avoid names that are also everyday words
//! (no "Grace", "Mark", "Bell" or "Turner"), so a test can look for every first
//! and last name as a whole word without tripping over a role or a unit.

use std::collections::HashSet;

/// First names drawn from.
pub const FIRST: &[&str] = &[
    "Aisha",
    "Alejandro",
    "Amara",
    "Anders",
    "Anika",
    "Arjun",
    "Astrid",
    "Bartosz",
    "Beatriz",
    "Bogdan",
    "Camille",
    "Chidi",
    "Chloe",
    "Dalia",
    "Damian",
    "Dmitri",
    "Elif",
    "Elena",
    "Emeka",
    "Esther",
    "Fatima",
    "Felix",
    "Fiona",
    "Florin",
    "Gabriela",
    "Giorgos",
    "Hana",
    "Haruki",
    "Helga",
    "Ingrid",
    "Ioana",
    "Isabel",
    "Ivan",
    "Jakub",
    "Jasmin",
    "Javier",
    "Joanna",
    "Jorge",
    "Kamal",
    "Katarzyna",
    "Kenji",
    "Keziah",
    "Lars",
    "Leila",
    "Lorenzo",
    "Lucia",
    "Luka",
    "Magdalena",
    "Malik",
    "Mariam",
    "Mateo",
    "Mikael",
    "Nadia",
    "Naveen",
    "Nikos",
    "Noor",
    "Olga",
    "Oleg",
    "Omar",
    "Oskar",
    "Paloma",
    "Pavel",
    "Priya",
    "Rafael",
    "Rahul",
    "Renata",
    "Rohan",
    "Saanvi",
    "Samir",
    "Sanjay",
    "Selin",
    "Siobhan",
    "Sofia",
    "Stefan",
    "Sunita",
    "Tamsin",
    "Tariq",
    "Teodor",
    "Thandiwe",
    "Tomasz",
    "Ulrike",
    "Valentina",
    "Viktor",
    "Wanjiru",
    "Xavier",
    "Yara",
    "Yusuf",
    "Zainab",
    "Zofia",
    "Bronwen",
    "Callum",
    "Declan",
    "Eamon",
    "Hamish",
    "Imogen",
    "Lachlan",
    "Morag",
    "Niamh",
    "Orla",
    "Rhys",
    "Seren",
    "Tobias",
    "Wilhelm",
    "Agnieszka",
    "Benedikt",
    "Cosmin",
    "Dorota",
    "Farida",
    "Gunnar",
    "Henrik",
    "Jovana",
    "Liesel",
    "Marek",
    "Petra",
    "Radek",
    "Sabine",
    "Tereza",
    "Vesna",
    "Wojciech",
    "Zoltan",
];

/// Last names drawn from.
pub const LAST: &[&str] = &[
    "Abiodun",
    "Achterberg",
    "Adeyemi",
    "Alvarez",
    "Andersson",
    "Antonelli",
    "Baptiste",
    "Barzani",
    "Becker",
    "Bergstrom",
    "Bianchi",
    "Bogdanovic",
    "Brennan",
    "Castellano",
    "Chatterjee",
    "Chowdhury",
    "Dabrowski",
    "Delacroix",
    "Demir",
    "Dimitrov",
    "Dragomir",
    "Eriksen",
    "Esposito",
    "Fairbairn",
    "Ferreira",
    "Fitzgerald",
    "Gallagher",
    "Garcia",
    "Gonzaga",
    "Haddad",
    "Halvorsen",
    "Hartmann",
    "Horvath",
    "Ibrahim",
    "Jankowski",
    "Jensen",
    "Kaczmarek",
    "Kamara",
    "Kapoor",
    "Kowalczyk",
    "Krishnan",
    "Kuznetsov",
    "Lindqvist",
    "Lombardi",
    "Macleod",
    "Mahlangu",
    "Marchetti",
    "Mendoza",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nascimento",
    "Nguyen",
    "Novak",
    "Nowicki",
    "Oduya",
    "Okafor",
    "Olsen",
    "Ortega",
    "Osei",
    "Papadopoulos",
    "Pereira",
    "Petrov",
    "Popescu",
    "Quintero",
    "Rahman",
    "Ramirez",
    "Rasmussen",
    "Reyes",
    "Romano",
    "Rossi",
    "Sadowski",
    "Santos",
    "Schneider",
    "Sekar",
    "Silva",
    "Sokolov",
    "Suzuki",
    "Szabo",
    "Takahashi",
    "Tanaka",
    "Tkachenko",
    "Torres",
    "Uddin",
    "Varga",
    "Vasquez",
    "Virtanen",
    "Volkov",
    "Wainwright",
    "Weber",
    "Wojcik",
    "Yamamoto",
    "Yilmaz",
    "Zielinski",
    "Zhang",
    "Zimmermann",
    "Abernethy",
    "Ashworth",
    "Beaumont",
    "Blackwood",
    "Carrick",
    "Dunmore",
    "Ellingham",
    "Fenwick",
    "Galloway",
    "Hargreaves",
    "Holroyd",
    "Ingleby",
    "Kerrigan",
    "Langford",
    "Mulcahy",
    "Northcott",
    "Pemberton",
    "Quayle",
    "Rutherford",
    "Sutcliffe",
    "Thistlethwaite",
    "Whitfield",
    "Yardley",
    "Adebayo",
    "Balogun",
    "Chukwu",
    "Mensah",
    "Ndlovu",
    "Nkosi",
    "Okonkwo",
    "Owusu",
    "Aguilar",
    "Benitez",
    "Cabrera",
    "Delgado",
    "Figueroa",
    "Guerrero",
    "Herrera",
    "Jimenez",
    "Lozano",
    "Navarro",
    "Ochoa",
    "Pacheco",
    "Rivas",
    "Salazar",
    "Trujillo",
    "Valdez",
    "Zamora",
    "Bhatt",
    "Desai",
    "Ghosh",
    "Joshi",
    "Kulkarni",
    "Mehta",
    "Nair",
    "Pillai",
    "Reddy",
    "Trivedi",
    "Verma",
];

/// Hands out full names, each unique (case-insensitively) in one map.
pub struct NamePicker {
    taken: HashSet<String>,
}

impl NamePicker {
    /// A picker with no name taken yet.
    pub fn new() -> NamePicker {
        NamePicker {
            taken: HashSet::new(),
        }
    }

    /// A new first and last name, e.g. ("Oleg", "Petrov", "Oleg Petrov"); a middle
    /// initial ("Oleg K. Petrov") is added when the pair is taken, so any number
    /// of people can be named.
    pub fn pick(&mut self, rng: &mut fastrand::Rng) -> (&'static str, &'static str, String) {
        loop {
            let first = FIRST[rng.usize(..FIRST.len())];
            let last = LAST[rng.usize(..LAST.len())];
            let plain = format!("{first} {last}");
            if self.claim(&plain) {
                return (first, last, plain);
            }
            let initial = char::from(b'A' + rng.u8(..26));
            let middle = format!("{first} {initial}. {last}");
            if self.claim(&middle) {
                return (first, last, middle);
            }
        }
    }

    /// Takes `name` when no one has it yet; false when it is taken.
    pub fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_lowercase())
    }
}

impl Default for NamePicker {
    fn default() -> NamePicker {
        NamePicker::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_even_when_the_lists_run_out() {
        let mut rng = fastrand::Rng::with_seed(1);
        let mut picker = NamePicker::new();
        let pairs = FIRST.len() * LAST.len();
        let mut seen = HashSet::new();
        for _ in 0..pairs + 1000 {
            let (_, _, name) = picker.pick(&mut rng);
            assert!(seen.insert(name.to_lowercase()), "{name} twice");
        }
    }

    #[test]
    fn no_name_is_listed_twice() {
        for list in [FIRST, LAST] {
            let unique: HashSet<_> = list.iter().collect();
            assert_eq!(unique.len(), list.len());
        }
    }
}
