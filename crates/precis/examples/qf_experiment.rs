//! Query-focused concept weighting experiment on DUC 2006 (dev tool).
#![allow(clippy::print_stdout, missing_docs)]
use std::io::{BufRead, BufReader};

use precis::eval::rouge155::{Options, Rouge155};
use precis::represent::{words, ConceptConfig, Concepts};
use precis::select::{Budget, CandidateFilter, ConceptCoverage};
use precis::{prepare, Cluster};

#[derive(serde::Deserialize)]
struct Rec {
    #[serde(flatten)]
    cluster: Cluster,
    query: String,
    summaries: Vec<String>,
}

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let configs: Vec<(f64, f64, f64, bool, f64)> = std::env::args()
        .skip(2)
        .map(|a| {
            let v: Vec<f64> = a.split(',').map(|x| x.parse().unwrap()).collect();
            (v[0], v[1], v[2], v[3] > 0.0, v[4])
        })
        .collect();
    let f = std::fs::File::open(&path).unwrap();
    let recs: Vec<Rec> = BufReader::new(flate2::read::GzDecoder::new(f))
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    let rouge = Rouge155::new(Options { rouge_l: false, wlcs_weight: None, resamples: 0, ..Options::duc_query(250) });
    let budget = Budget::words(250).with_fill(true);
    let prepared: Vec<_> = recs.iter().map(|r| prepare(&r.cluster).unwrap()).collect();
    for &(beta, gamma, mindf, drop_instr, min_rel) in &configs {
        let mut sums = [0.0; 3];
        for (r, p) in recs.iter().zip(&prepared) {
            let a = &p.analysis;
            let config = ConceptConfig { min_df: if mindf > 0.0 { Some(mindf as u32) } else { None }, ..ConceptConfig::default() };
            let mut concepts = Concepts::new(a, &config);
            // Query terms.
            let mut rel = vec![0.0f64; a.lexicon.len()];
            const INSTRUCTION: &[&str] = &["discuss", "describe", "include", "including", "identify", "explain", "specify", "report", "information", "provide", "give", "example", "examples", "involved", "well", "such", "related", "also", "what", "which", "effort", "efforts", "any", "other", "each", "kind", "type", "types", "various", "issue", "issues"];
            for w in words(&r.query) {
                if drop_instr && INSTRUCTION.contains(&w.as_str()) {
                    continue;
                }
                if let Some(t) = a.lexicon.find(&w) {
                    if !a.lexicon.is_stop(t) {
                        rel[t as usize] = 1.0;
                    }
                }
            }
            // Expansion: share of a term's sentences that contain a query term.
            if gamma > 0.0 {
                let mut with = vec![0u32; rel.len()];
                let mut all = vec![0u32; rel.len()];
                for toks in &a.tokens {
                    let hit = toks.iter().any(|t| rel[t.term as usize] == 1.0);
                    let mut seen: Vec<u32> = toks.iter().filter(|t| !t.stop).map(|t| t.term).collect();
                    seen.sort_unstable();
                    seen.dedup();
                    for t in seen {
                        all[t as usize] += 1;
                        with[t as usize] += u32::from(hit);
                    }
                }
                for t in 0..rel.len() {
                    if rel[t] < 1.0 && all[t] >= 2 {
                        rel[t] = gamma * f64::from(with[t]) / f64::from(all[t]);
                    }
                }
            }
            for (c, &(x, y)) in concepts.keys.iter().enumerate() {
                let r = rel[x as usize].max(rel[y as usize]);
                concepts.weights[c] *= 1.0 + beta * r;
            }
            let filter = CandidateFilter { min_words: 12, ..CandidateFilter::default() };
            let mut cands = filter.candidates(a);
            if min_rel > 0.0 {
                let keep: Vec<usize> = cands.indices.iter().copied().filter(|&i| {
                    let toks = &a.tokens[i];
                    let n = toks.iter().filter(|t| !t.stop).count().max(1) as f64;
                    toks.iter().filter(|t| !t.stop).map(|t| rel[t.term as usize]).sum::<f64>() / n >= min_rel
                }).collect();
                if keep.len() >= 20 { cands.indices = keep; }
            }
            let out = ConceptCoverage::default().select_with(a, &concepts, &cands, &budget);
            let mut picks = out.selection.picks.clone();
            if let Some(c) = out.selection.cut {
                picks.retain(|&i| i != c);
                picks.push(c);
            }
            let text: Vec<&str> = picks.iter().map(|&i| a.sentences[i].text.as_str()).collect();
            let models: Vec<_> = r.summaries.iter().map(|m| rouge.prepare(m)).collect();
            let s = rouge.score_jackknife(&rouge.prepare(&text.join("\n")), &models);
            sums[0] += s.get("ROUGE-1").unwrap().recall;
            sums[1] += s.get("ROUGE-2").unwrap().recall;
            sums[2] += s.get("ROUGE-SU4").unwrap().recall;
        }
        let n = recs.len() as f64;
        println!("beta {beta} gamma {gamma} mindf {mindf} instr {drop_instr} minrel {min_rel}: R1 {:.2} R2 {:.2} SU4 {:.2}", 100.0 * sums[0] / n, 100.0 * sums[1] / n, 100.0 * sums[2] / n);
    }
}
