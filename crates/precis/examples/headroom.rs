//! Dev diagnostic: how far the learned method's parts are from their ceilings
//! on a set with references (not a method; uses the references).
//!
//! `cargo run --release -p precis --example headroom -- FILE [LIMIT]`
use precis::compose::reading_order;
use precis::eval::rouge_score::RougeScorer;
use precis::represent::Lexicon;
use precis::score::{Learned, TermExpectations};
use precis::select::{Budget, CandidateFilter, ExpectedRouge, Selection};
use precis::{prepare, Cluster};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    summaries: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let limit: usize = args.get(2).map_or(1000, |a| a.parse().unwrap());
    let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()));
    let scorer = RougeScorer::new(true);
    let budget = Budget::words(250);
    let names = [
        "model density, model counts",
        "true density, model counts",
        "model density, true counts",
        "true density, true counts",
        "true counts only",
    ];
    let mut sums = vec![[0.0f64; 3]; names.len()];
    let mut n = 0;
    for line in reader.lines().take(limit) {
        let rec: Record = serde_json::from_str(&line.unwrap()).unwrap();
        let Ok(p) = prepare(&rec.cluster) else { continue };
        let a = &p.analysis;
        let target = scorer.prepare(&rec.summaries[0]);
        let truth: Vec<f64> = a
            .sentences
            .iter()
            .map(|s| {
                let sc = scorer.score_prepared(&target, &scorer.prepare(&s.text));
                sc.rouge1.precision + sc.rouge2.precision
            })
            .collect();
        let terms = TermExpectations::shipped(a).unwrap();
        let model = Learned::default().score_with(a, Some(&terms));
        let mut lex = Lexicon::with_capacity(256);
        let mut refc: BTreeMap<String, f64> = BTreeMap::new();
        precis::represent::for_each_word(&rec.summaries[0], |w| {
            let t = lex.term(w);
            *refc.entry(lex.stem(t).to_owned()).or_insert(0.0) += 1.0;
        });
        // A Poisson mean whose tail at the true count is nearly a step.
        let true_counts: Vec<f64> = (0..a.lexicon.len() as u32)
            .map(|t| refc.get(a.lexicon.stem(t)).copied().unwrap_or(0.0))
            .collect();
        let cands = CandidateFilter::default().candidates(a);
        let sel = ExpectedRouge { reference_tokens: 200.0, stop_early: true, bigram_weight: 0.0 };
        let runs: [(Option<&[f64]>, &[f64]); 5] = [
            (Some(&model), &terms.counts),
            (Some(&truth), &terms.counts),
            (Some(&model), &true_counts),
            (Some(&truth), &true_counts),
            (None, &true_counts),
        ];
        for (k, (d, c)) in runs.iter().enumerate() {
            let s: Selection = sel.select_with(a, c, *d, &cands, &budget);
            let mut picks = s.picks;
            reading_order(a, &mut picks);
            let text: Vec<&str> = picks.iter().map(|&i| a.sentences[i].text.as_str()).collect();
            let sc = scorer.score_prepared(&target, &scorer.prepare(&text.join("\n")));
            sums[k][0] += sc.rouge1.fmeasure;
            sums[k][1] += sc.rouge2.fmeasure;
            sums[k][2] += text.iter().map(|t| t.split_whitespace().count()).sum::<usize>() as f64;
        }
        n += 1;
    }
    for (name, s) in names.iter().zip(&sums) {
        println!(
            "{name:30} R1 {:.2} R2 {:.2} words {:.1}",
            100.0 * s[0] / n as f64,
            100.0 * s[1] / n as f64,
            s[2] / n as f64
        );
    }
}
