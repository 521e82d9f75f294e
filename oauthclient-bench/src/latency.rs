//! Latency samples and their percentiles.

use std::time::Duration;

/// Every latency of one kind in a phase, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    micros: Vec<u32>,
}

impl Samples {
    pub fn record(&mut self, elapsed: Duration) {
        self.micros
            .push(u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX));
    }

    pub fn merge(&mut self, other: Samples) {
        self.micros.extend(other.micros);
    }

    pub fn len(&self) -> usize {
        self.micros.len()
    }

    /// The `percent` percentile in milliseconds (nearest rank); 0 without samples.
    pub fn percentile_ms(&mut self, percent: f64) -> f64 {
        if self.micros.is_empty() {
            return 0.0;
        }
        self.micros.sort_unstable();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a rank within a vector's length"
        )]
        let rank = ((percent / 100.0) * self.micros.len() as f64).ceil() as usize;
        f64::from(self.micros[rank.clamp(1, self.micros.len()) - 1]) / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut samples = Samples::default();
        for micros in 1..=100 {
            samples.record(Duration::from_micros(micros * 1000));
        }
        assert!((samples.percentile_ms(50.0) - 50.0).abs() < f64::EPSILON);
        assert!((samples.percentile_ms(99.0) - 99.0).abs() < f64::EPSILON);
        assert!((samples.percentile_ms(100.0) - 100.0).abs() < f64::EPSILON);
        assert!((Samples::default().percentile_ms(99.0)).abs() < f64::EPSILON);
    }
}
