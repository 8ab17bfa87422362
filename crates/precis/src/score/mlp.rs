//! A small feed-forward network: standardized features, one hidden ReLU
//! layer, one output; and its deterministic fitting by Adam.

// The fitting code is dense linear algebra over packed parameter vectors,
// where explicit indices read more clearly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A fitted network.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Mlp {
    /// Per-feature mean subtracted before the hidden layer.
    pub mean: Vec<f64>,
    /// Per-feature scale divided by before the hidden layer.
    pub scale: Vec<f64>,
    /// Hidden layer weights, one row per unit.
    pub hidden: Vec<Vec<f64>>,
    /// Hidden layer biases.
    pub hidden_bias: Vec<f64>,
    /// Output weights, one per hidden unit.
    pub weights: Vec<f64>,
    /// Output bias.
    pub output_bias: f64,
    /// The hidden layer laid out for prediction, built on first use.
    #[serde(skip)]
    layer: OnceLock<Layer>,
}

/// The hidden layer in single precision, feature-major.
#[derive(Debug, Clone, Default)]
struct Layer {
    mean: Vec<f32>,
    inv_scale: Vec<f32>,
    /// `weights[f * units + u]`: unit `u`'s weight on feature `f`.
    weights: Vec<f32>,
    bias: Vec<f32>,
}

impl Layer {
    /// Pre-activations of `U` hidden units, feature by feature over all
    /// units: independent lanes the compiler unrolls and vectorizes.
    fn hidden<const U: usize>(&self, row: &[f32]) -> [f32; U] {
        let mut h = [0f32; U];
        h.copy_from_slice(&self.bias[..U]);
        for ((&v, (m, s)), w) in
            row.iter().zip(self.mean.iter().zip(&self.inv_scale)).zip(self.weights.chunks_exact(U))
        {
            let x = (v - m) * s;
            for (a, &b) in h.iter_mut().zip(w) {
                *a += b * x;
            }
        }
        h
    }

    /// As [`Layer::hidden`] for any number of units.
    fn hidden_any(&self, row: &[f32]) -> Vec<f32> {
        let units = self.bias.len();
        let mut h = self.bias.clone();
        for ((&v, (m, s)), w) in row
            .iter()
            .zip(self.mean.iter().zip(&self.inv_scale))
            .zip(self.weights.chunks_exact(units.max(1)))
        {
            let x = (v - m) * s;
            for (a, &b) in h.iter_mut().zip(w) {
                *a += b * x;
            }
        }
        h
    }

    fn new(net: &Mlp) -> Layer {
        let units = net.hidden.len();
        let n = net.mean.len();
        let mut weights = vec![0f32; n * units];
        for (u, row) in net.hidden.iter().enumerate() {
            for (f, &w) in row.iter().enumerate().take(n) {
                weights[f * units + u] = w as f32;
            }
        }
        Layer {
            mean: net.mean.iter().map(|&m| m as f32).collect(),
            inv_scale: net.scale.iter().map(|&s| (1.0 / s) as f32).collect(),
            weights,
            bias: net.hidden_bias.iter().map(|&b| b as f32).collect(),
        }
    }
}

/// What the network's output is fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Squared error: the output is the target's expectation.
    Squared,
    /// Poisson deviance: the output is the logarithm of a count's expectation.
    Poisson,
}

/// Settings of [`Mlp::fit`].
#[derive(Debug, Clone, Copy)]
pub struct FitConfig {
    /// Hidden units.
    pub hidden: usize,
    /// Passes over the training rows.
    pub epochs: usize,
    /// Loss.
    pub loss: Loss,
    /// Adam step size.
    pub learning_rate: f64,
    /// Seed of the initialization and shuffling.
    pub seed: u64,
}

impl Default for FitConfig {
    fn default() -> Self {
        FitConfig { hidden: 16, epochs: 3, loss: Loss::Squared, learning_rate: 1e-3, seed: 1 }
    }
}

/// Largest log-count a Poisson output may take, so `exp` stays finite.
const MAX_LOG_RATE: f64 = 8.0;

impl Mlp {
    /// Number of input features.
    pub fn n_features(&self) -> usize {
        self.mean.len()
    }

    /// True when the shapes agree with `n_features` inputs.
    pub fn is_valid(&self, n_features: usize) -> bool {
        !self.hidden.is_empty()
            && self.mean.len() == n_features
            && self.scale.len() == n_features
            && self.hidden.iter().all(|r| r.len() == n_features)
            && self.hidden_bias.len() == self.hidden.len()
            && self.weights.len() == self.hidden.len()
            && self.scale.iter().all(|&s| s > 0.0)
    }

    /// The network's output for one feature row.
    pub fn predict(&self, row: &[f32]) -> f64 {
        let layer = self.layer.get_or_init(|| Layer::new(self));
        match layer.bias.len() {
            8 => self.output(&layer.hidden::<8>(row)),
            16 => self.output(&layer.hidden::<16>(row)),
            32 => self.output(&layer.hidden::<32>(row)),
            _ => self.output(&layer.hidden_any(row)),
        }
    }

    /// The prediction for `row` split into a constant and one part per
    /// feature, `(constant, parts)`, with `constant + Σ parts` equal to
    /// [`Mlp::predict`]: with the hidden units active at `row` held fixed
    /// the network is linear, and each feature's part is its standardized
    /// value (how far it lies from the training mean) times its weight
    /// through those units. A feature at its training mean contributes 0.
    pub fn contributions(&self, row: &[f32]) -> (f64, Vec<f64>) {
        let n = self.n_features();
        let z = |k: usize| (f64::from(row[k]) - self.mean[k]) / self.scale[k];
        let mut constant = self.output_bias;
        let mut parts = vec![0.0; n];
        for ((unit, &bias), &w) in self.hidden.iter().zip(&self.hidden_bias).zip(&self.weights) {
            let pre: f64 = bias + (0..n).map(|k| unit[k] * z(k)).sum::<f64>();
            if pre > 0.0 {
                constant += w * bias;
                for (k, part) in parts.iter_mut().enumerate() {
                    *part += w * unit[k] * z(k);
                }
            }
        }
        (constant, parts)
    }

    /// The output layer over the hidden layer's pre-activations.
    fn output(&self, h: &[f32]) -> f64 {
        let mut y = self.output_bias;
        for (a, w) in h.iter().zip(&self.weights) {
            y += w * a.max(0.0) as f64;
        }
        y
    }

    /// Fits a network on the rows `train` of `x` (row-major, `n_features`
    /// values a row) against `y`, by Adam on mini-batches of 256 in an order
    /// fixed by the seed.
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], train: &[usize], config: FitConfig) -> Mlp {
        let n = n_features;
        let hidden = config.hidden;
        let row = |i: usize| &x[i * n..(i + 1) * n];
        let count = train.len().max(1) as f64;
        let mut mean = vec![0.0; n];
        for &i in train {
            for (m, &v) in mean.iter_mut().zip(row(i)) {
                *m += v as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= count);
        let mut scale = vec![0.0; n];
        for &i in train {
            for f in 0..n {
                scale[f] += (row(i)[f] as f64 - mean[f]).powi(2);
            }
        }
        scale.iter_mut().for_each(|s| *s = (*s / count).sqrt().max(1e-6));
        let mut rng = Rng::new(config.seed);
        // Parameters: w1 (hidden × n), b1, w2 (hidden), b2, packed in one vector.
        let size = hidden * n + hidden + hidden + 1;
        let mut p: Vec<f64> =
            (0..size).map(|_| (rng.uniform() - 0.5) * 2.0 * (1.0 / n as f64).sqrt()).collect();
        let mean_y = train.iter().map(|&i| y[i] as f64).sum::<f64>() / count;
        p[size - 1] = match config.loss {
            Loss::Squared => mean_y,
            Loss::Poisson => mean_y.max(1e-6).ln(),
        };
        let (mut m, mut v) = (vec![0.0; size], vec![0.0; size]);
        let (b1, b2, eps): (f64, f64, f64) = (0.9, 0.999, 1e-8);
        let mut order = train.to_vec();
        let mut step = 0i32;
        let mut grad = vec![0.0; size];
        let mut h = vec![0.0; hidden];
        let mut z = vec![0.0; n];
        for _ in 0..config.epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for batch in order.chunks(256) {
                grad.iter_mut().for_each(|g| *g = 0.0);
                for &r in batch {
                    for f in 0..n {
                        z[f] = (row(r)[f] as f64 - mean[f]) / scale[f];
                    }
                    let mut out = p[size - 1];
                    for u in 0..hidden {
                        let w = &p[u * n..(u + 1) * n];
                        let a =
                            w.iter().zip(&z).map(|(a, b)| a * b).sum::<f64>() + p[hidden * n + u];
                        h[u] = a.max(0.0);
                        out += p[hidden * n + hidden + u] * h[u];
                    }
                    let d = match config.loss {
                        Loss::Squared => 2.0 * (out - y[r] as f64),
                        Loss::Poisson => out.min(MAX_LOG_RATE).exp() - y[r] as f64,
                    } / batch.len() as f64;
                    grad[size - 1] += d;
                    for u in 0..hidden {
                        grad[hidden * n + hidden + u] += d * h[u];
                        if h[u] > 0.0 {
                            let dz = d * p[hidden * n + hidden + u];
                            grad[hidden * n + u] += dz;
                            for f in 0..n {
                                grad[u * n + f] += dz * z[f];
                            }
                        }
                    }
                }
                step += 1;
                let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
                for k in 0..size {
                    m[k] = b1 * m[k] + (1.0 - b1) * grad[k];
                    v[k] = b2 * v[k] + (1.0 - b2) * grad[k] * grad[k];
                    p[k] -= config.learning_rate * (m[k] / c1) / ((v[k] / c2).sqrt() + eps);
                }
            }
        }
        Mlp {
            mean,
            scale,
            hidden: (0..hidden).map(|u| p[u * n..(u + 1) * n].to_vec()).collect(),
            hidden_bias: p[hidden * n..hidden * n + hidden].to_vec(),
            weights: p[hidden * n + hidden..hidden * n + 2 * hidden].to_vec(),
            output_bias: p[size - 1],
            layer: OnceLock::new(),
        }
    }
}

/// The expected value of `loss` at a network output.
pub fn expectation(loss: Loss, output: f64) -> f64 {
    match loss {
        Loss::Squared => output,
        Loss::Poisson => output.min(MAX_LOG_RATE).exp(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contributions_add_up_to_the_prediction() {
        let net = &crate::score::SentenceModel::shipped().network;
        let n = net.n_features();
        let mut rng = Rng::new(7);
        for _ in 0..50 {
            // Rows within two standard deviations of the training mean.
            let row: Vec<f32> = (0..n)
                .map(|k| (net.mean[k] + net.scale[k] * 4.0 * (rng.uniform() - 0.5)) as f32)
                .collect();
            let (constant, parts) = net.contributions(&row);
            let sum = constant + parts.iter().sum::<f64>();
            assert!((sum - net.predict(&row)).abs() < 1e-3, "{sum} vs {}", net.predict(&row));
        }
        // A feature at its training mean contributes nothing.
        let mean: Vec<f32> = net.mean.iter().map(|&m| m as f32).collect();
        let (_, parts) = net.contributions(&mean);
        assert!(parts.iter().all(|p| p.abs() < 1e-6), "{parts:?}");
    }

    #[test]
    fn fits_a_poisson_rate_that_grows_with_a_feature() {
        // Counts with mean 0.5 where the feature is 0 and 4 where it is 1.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..4000 {
            let f = (i % 2) as f32;
            x.push(f);
            y.push(if f == 0.0 { (i % 4 == 0) as u8 as f32 } else { (i % 5) as f32 * 2.0 });
        }
        let train: Vec<usize> = (0..y.len()).collect();
        let config =
            FitConfig { hidden: 4, epochs: 30, loss: Loss::Poisson, learning_rate: 1e-2, seed: 3 };
        let net = Mlp::fit(&x, 1, &y, &train, config);
        assert!(net.is_valid(1));
        let low = expectation(Loss::Poisson, net.predict(&[0.0]));
        let high = expectation(Loss::Poisson, net.predict(&[1.0]));
        assert!((low - 0.5).abs() < 0.1, "{low}");
        assert!((high - 4.0).abs() < 0.4, "{high}");
        // Same seed, same network.
        let again = Mlp::fit(&x, 1, &y, &train, config);
        assert_eq!(net.predict(&[1.0]), again.predict(&[1.0]));
    }
}
