//! Reading order for the selected sentences.

use crate::represent::Analysis;

/// Sorts selected sentence indices for reading: by document in reading
/// order (chronological when dates are known), then by position.
pub fn reading_order(analysis: &Analysis, picks: &mut [usize]) {
    let rank = analysis.doc_rank_reading();
    picks.sort_by_key(|&i| {
        let s = &analysis.sentences[i];
        (rank[s.doc], s.position, i)
    });
}

/// The order a summary is read in: the lead first (opening a run of its
/// own), then the picks of its article that stand before it (it was chosen
/// over them because they cannot open a summary); then runs of sentences:
/// a sentence that follows another of the summary in its article and
/// leans on it (`leans`: it cannot open, "He said ...", or the candidates
/// pair the two) stays right after it; other sentences stand alone, so
/// that two sentences next to each other in an article need not be next
/// to each other in the summary. Where documents carry dates, runs of
/// articles published earlier come first (undated ones after them); then
/// runs that stand earlier in their article (the main event, by the
/// inverted pyramid of news writing) before later ones (background), then
/// runs more about the main event first (`event`), then by document id; in
/// fill mode the cut sentence last. Nothing depends on the order the
/// documents were given in.
pub fn arrange(
    analysis: &Analysis,
    doc_ids: &[String],
    picks: &[usize],
    lead: Option<usize>,
    cut: Option<usize>,
    event: &dyn Fn(usize) -> f64,
    leans: &dyn Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut rest: Vec<usize> = picks.iter().copied().filter(|&i| Some(i) != cut).collect();
    rest.sort_by_key(|&i| (analysis.sentences[i].doc, analysis.sentences[i].position));
    // Runs of consecutive sentences of one article.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for i in rest {
        let s = &analysis.sentences[i];
        match runs.last_mut() {
            // The lead opens a run of its own.
            Some(run)
                if Some(i) != lead
                    && run.last().is_some_and(|&p| {
                        let q = &analysis.sentences[p];
                        q.doc == s.doc && q.position + 1 == s.position && leans(p, i)
                    }) =>
            {
                run.push(i)
            }
            _ => runs.push(vec![i]),
        }
    }
    // Dated documents first, earliest first.
    let date = |i: usize| {
        let d = analysis.doc_dates.get(analysis.sentences[i].doc).copied().flatten();
        (d.is_none(), d)
    };
    runs.sort_by(|a, b| {
        let (x, y) = (a[0], b[0]);
        let (sx, sy) = (&analysis.sentences[x], &analysis.sentences[y]);
        // A run holding the lead comes first.
        let leads = |run: &[usize]| lead.is_some_and(|l| run.contains(&l));
        // Then the picks of the lead's article that stand before it (they
        // could not open; they lean on what the lead says), in its order.
        let before_lead = |run: &[usize]| {
            lead.is_some_and(|l| {
                let (r, l) = (&analysis.sentences[run[0]], &analysis.sentences[l]);
                r.doc == l.doc && r.position < l.position
            })
        };
        leads(b)
            .cmp(&leads(a))
            .then(before_lead(b).cmp(&before_lead(a)))
            .then(date(x).cmp(&date(y)))
            .then(sx.position.cmp(&sy.position))
            .then(event(y).total_cmp(&event(x)))
            .then_with(|| doc_ids[sx.doc].cmp(&doc_ids[sy.doc]))
            .then_with(|| sx.text.cmp(&sy.text))
    });
    let mut order: Vec<usize> = Vec::with_capacity(picks.len());
    for run in runs {
        order.extend(run);
    }
    order.extend(cut.filter(|c| picks.contains(c)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sentence_that_leans_on_the_one_before_stays_glued_to_it() {
        let a = crate::score::tests::analysis(&[
            &[
                "Floods hit Bramford on Sunday.",
                "Shops in the town centre closed early.",
                "Rescue teams used boats in the lower streets.",
                "They took elderly residents to the schools.",
            ],
            &["Residents began returning on Tuesday.", "Council workers cleared the mud."],
        ]);
        let ids = vec!["a".to_owned(), "b".to_owned()];
        // Sentence 3 opens with "They": it leans on sentence 2.
        let leans = |p: usize, i: usize| p + 1 == i && i == 3;
        let order = arrange(&a, &ids, &[3, 5, 1, 2, 0], Some(0), None, &|_| 0.0, &leans);
        // The lead; then the second sentences of both articles (event
        // before background), then the third with the fourth after it.
        assert_eq!(order, [0, 1, 5, 2, 3]);
        // The cut sentence, in fill mode, comes last whatever it is.
        let order = arrange(&a, &ids, &[3, 5, 1, 2, 0, 4], Some(0), Some(4), &|_| 0.0, &leans);
        assert_eq!(order, [0, 1, 5, 2, 3, 4]);
    }
}
