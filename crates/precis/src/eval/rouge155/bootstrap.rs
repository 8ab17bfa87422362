//! ROUGE-1.5.5's averages and bootstrap confidence intervals
//! (`computeAverages`, `bootstrapResampling`).
//!
//! The script reports as the average not the plain mean of the per-cluster
//! scores but the mean of its `-r` resampled means, and the `-c` interval
//! from the sorted resampled means. Resample `i` seeds Perl's generator with
//! `srand(i)` and draws `int(rand(N))` N times. Perl (5.20 and later) has
//! its own `drand48`, so the draws are the same on every machine and are
//! reproduced here bit for bit.

use super::Counting;

/// Perl's `drand48`: `x ← (0x5DEECE66D·x + 0xB) mod 2⁴⁸`, seeded with
/// `x = seed·2¹⁶ + 0x330E`.
#[derive(Debug, Clone)]
pub(crate) struct Drand48(u64);

impl Drand48 {
    const MASK: u64 = (1 << 48) - 1;

    /// `srand(seed)`.
    pub(crate) fn new(seed: u32) -> Self {
        Drand48((u64::from(seed) << 16) + 0x330E)
    }

    /// `rand()`, in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        self.0 = (self.0.wrapping_mul(0x5_DEEC_E66D).wrapping_add(0xB)) & Self::MASK;
        // Exact: the state has 48 bits.
        self.0 as f64 / (1u64 << 48) as f64
    }

    /// `int(rand(n))`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (n as f64 * self.next_f64()) as usize
    }
}

/// Rounds as Perl's `sprintf("%7.5f")` and reads the result back, which is
/// what the script does to every score it stores.
pub(crate) fn round5(x: f64) -> f64 {
    // Rust's formatter, like glibc's, rounds the exact binary value and
    // breaks exact ties to even (0.015625 → 0.01562).
    format!("{x:.5}").parse().unwrap_or(x)
}

/// One averaged value with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    /// The average as ROUGE-1.5.5 prints it: the mean of the resampled means,
    /// rounded to 5 decimals.
    pub mean: f64,
    /// Lower end of the confidence interval, rounded to 5 decimals.
    pub low: f64,
    /// Upper end of the confidence interval, rounded to 5 decimals.
    pub high: f64,
}

/// Settings of the resampling.
pub(crate) struct Resampling {
    pub(crate) counting: Counting,
    pub(crate) alpha: f64,
    pub(crate) resamples: usize,
    pub(crate) confidence: f64,
}

/// Averages `rows` (per cluster, in the script's order): recall, precision
/// and F for sentence counting, or model, peer and hit counts for token
/// counting. Returns recall, precision and F estimates.
pub(crate) fn average(rows: &[[f64; 3]], r: &Resampling) -> [Estimate; 3] {
    let n = rows.len();
    let mut samples: [Vec<f64>; 3] = Default::default();
    for s in &mut samples {
        s.reserve(r.resamples);
    }
    for seed in 0..r.resamples {
        let mut rng = Drand48::new(seed as u32);
        let mut sum = [0.0f64; 3];
        for _ in 0..n {
            let row = &rows[rng.below(n)];
            for k in 0..3 {
                sum[k] += row[k];
            }
        }
        let sample = match r.counting {
            Counting::Sentence => {
                if n > 0 {
                    sum.map(|x| x / n as f64)
                } else {
                    [0.0; 3]
                }
            }
            Counting::Token => {
                let recall = if sum[0] > 0.0 { sum[2] / sum[0] } else { 0.0 };
                let precision = if sum[1] > 0.0 { sum[2] / sum[1] } else { 0.0 };
                [recall, precision, f_measure(precision, recall, r.alpha)]
            }
        };
        for k in 0..3 {
            samples[k].push(sample[k]);
        }
    }

    let resamples = r.resamples as f64;
    let delta = resamples * ((100.0 - r.confidence) / 2.0) / 100.0;
    let upper_a = (resamples - delta - 1.0) as i64;
    let lower_a = delta as i64;
    let ratio = resamples - delta - 1.0 - upper_a as f64;
    samples.map(|mut s| {
        s.sort_unstable_by(f64::total_cmp);
        if s.is_empty() {
            // The script divides by zero here; report zeros instead.
            return Estimate { mean: 0.0, low: 0.0, high: 0.0 };
        }
        let mean = s.iter().fold(0.0, |acc, x| acc + x) / s.len() as f64;
        // Perl reads past either end as undef, that is 0, and a negative
        // index counts from the end.
        let at = |i: i64| -> f64 {
            let i = if i < 0 { i + s.len() as i64 } else { i };
            usize::try_from(i).ok().and_then(|i| s.get(i)).copied().unwrap_or(0.0)
        };
        let interval = |a: i64| -> f64 { round5(at(a) + (at(a + 1) - at(a)) * ratio) };
        Estimate { mean: round5(mean), low: interval(lower_a), high: interval(upper_a) }
    })
}

/// ROUGE's weighted F: `P·R / ((1 − α)·P + α·R)`, or 0.
pub(crate) fn f_measure(precision: f64, recall: f64, alpha: f64) -> f64 {
    let denominator = (1.0 - alpha) * precision + alpha * recall;
    if denominator > 0.0 {
        (precision * recall) / denominator
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drand48_matches_perl() {
        // perl -e 'srand(0); print rand(), " ", rand()'
        let mut r = Drand48::new(0);
        assert_eq!(r.next_f64(), 0.17082803610628972);
        assert_eq!(r.next_f64(), 0.7499019804849638);
        // perl -e 'srand(7); print int(rand(30))'
        assert_eq!(Drand48::new(7).below(30), 7);
    }

    #[test]
    fn rounding_is_printf() {
        assert_eq!(round5(0.015625), 0.01562);
        assert_eq!(round5(0.046875), 0.04688);
        assert_eq!(round5(2.0 / 3.0), 0.66667);
    }

    #[test]
    fn constant_scores_have_a_point_interval() {
        let rows = vec![[0.5, 0.25, 0.33333]; 7];
        let r = Resampling {
            counting: Counting::Sentence,
            alpha: 0.5,
            resamples: 1000,
            confidence: 95.0,
        };
        let [recall, precision, f] = average(&rows, &r);
        assert_eq!(recall, Estimate { mean: 0.5, low: 0.5, high: 0.5 });
        assert_eq!(precision.mean, 0.25);
        assert_eq!(f.mean, 0.33333);
    }
}
