//! The map's settings: the conversation effect θ and the staleness window.

use rusqlite::OptionalExtension;

use super::MapFile;
use crate::error::{Error, Result};

impl MapFile {
    /// θ ∈ (0, 1]: how far one conversation moves an open person (default 0.5).
    pub fn theta(&self) -> Result<f64> {
        let text = self.setting("theta")?.unwrap_or_else(|| "0.5".into());
        text.parse().map_err(|_| {
            Error::Invalid(format!(
                "the map's theta setting '{text}' is not a number; set it with `coalition config MAP theta 0.5`"
            ))
        })
    }

    /// How many days a rating stays fresh without a conversation (default 45).
    pub fn stale_days(&self) -> Result<u32> {
        let text = self.setting("stale_days")?.unwrap_or_else(|| "45".into());
        text.parse().map_err(|_| {
            Error::Invalid(format!(
                "the map's stale_days setting '{text}' is not a whole number; set it with `coalition config MAP stale_days 45`"
            ))
        })
    }

    /// Sets `theta` (a number in (0, 1]) or `stale_days` (a whole number of days, 1..3650).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let value = value.trim();
        match key {
            "theta" => match value.parse::<f64>() {
                Ok(t) if t > 0.0 && t <= 1.0 => {}
                _ => {
                    return Err(Error::Invalid(format!(
                        "theta '{value}' is not a number in (0, 1]; 0.5 means one conversation moves an open person halfway to full support"
                    )));
                }
            },
            "stale_days" => match value.parse::<u32>() {
                Ok(1..=3650) => {}
                _ => {
                    return Err(Error::Invalid(format!(
                        "stale_days '{value}' is not a whole number of days from 1 to 3650"
                    )));
                }
            },
            other => {
                return Err(Error::Invalid(format!(
                    "'{other}' is not a map setting; use theta or stale_days"
                )));
            }
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
        tx.commit()?;
        Ok(())
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::MapFile;

    #[test]
    fn settings_have_defaults_and_refuse_bad_values() {
        let dir = tempfile::tempdir().unwrap();
        let mut map = MapFile::create(&dir.path().join("m.coalition"), "M", "").unwrap();
        assert_eq!(map.theta().unwrap(), 0.5);
        assert_eq!(map.stale_days().unwrap(), 45);
        map.set_setting("theta", "0.3").unwrap();
        assert_eq!(map.theta().unwrap(), 0.3);
        for (k, v) in [
            ("theta", "0"),
            ("theta", "2"),
            ("stale_days", "-1"),
            ("mood", "1"),
        ] {
            assert!(map.set_setting(k, v).is_err(), "{k}={v}");
        }
        assert_eq!(map.theta().unwrap(), 0.3);
    }
}
