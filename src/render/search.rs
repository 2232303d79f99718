//! The site's Swedish search index, built from the typed model at render time.
//!
//! Words of titles and texts are lowercased, stemmed with the Snowball Swedish algorithm
//! ([`stem`]) and folded (å→a, ä→a, ö→o, é→e) so that `vard` finds `vård` and `vårdens`
//! finds `vården`. The index is sharded so no file grows large and a query loads only
//! what it needs: `sok/index.json` (the shard keys and the number of doc chunks),
//! `sok/t-<key>.json` (term → delta-encoded doc numbers, title hits and text hits apart)
//! and `sok/d-<n>.json` (doc metadata in chunks of [`DOC_CHUNK`]). `assets/search.js`
//! (template `search.js`) stems queries with the same algorithm. See `docs/search.md`.

use super::context::{SiteCx, text};
use super::{RenderError, Sink};
use crate::model::Entity;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Documents per metadata chunk.
pub const DOC_CHUNK: usize = 1000;
/// A term shard above this many bytes is split by one more letter of its key.
pub const SHARD_BUDGET: usize = 256 * 1024;

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'å', 'ö'];

const STEP1: &[&str] = &[
    "heterna", "hetens", "anden", "andes", "andet", "arens", "arnas", "ernas", "heten", "heter", "ornas", "ades",
    "ande", "aren", "arna", "arne", "aste", "erna", "erns", "orna", "ade", "are", "ast", "ens", "ern", "het", "ad",
    "ar", "as", "at", "en", "er", "es", "or", "a", "e",
];

/// Words too common to be worth an entry.
const STOP: &[&str] = &[
    "och", "att", "det", "som", "en", "ett", "i", "på", "av", "för", "med", "till", "den", "de", "är", "om", "har",
    "inte", "vi", "kan", "ska", "samt", "eller", "så", "vid", "från", "under", "genom", "the", "and", "of",
];

/// Folds Swedish letters for matching: å and ä to a, ö to o, é to e (input lowercase).
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' | 'ê' => 'e',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

/// The Snowball Swedish stem of a lowercase word (steps 1–3 of the published algorithm).
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    // R1: after the first non-vowel following a vowel, but at least 3 letters in.
    let mut r1 = w.len();
    for i in 1..w.len() {
        if !VOWELS.contains(&w[i]) && VOWELS.contains(&w[i - 1]) {
            r1 = i + 1;
            break;
        }
    }
    let r1 = r1.max(3);
    let in_r1 = |w: &[char], suffix_len: usize| w.len() >= suffix_len && w.len() - suffix_len >= r1;
    // Compared char by char from the end, with nothing allocated: it runs for every suffix
    // of every word of a site.
    let ends = |w: &[char], s: &str| {
        let n = s.chars().count();
        w.len() >= n && s.chars().eq(w[w.len() - n..].iter().copied())
    };
    // Step 1: the longest suffix inside R1.
    if let Some(s) = STEP1.iter().find(|s| ends(&w, s) && in_r1(&w, s.chars().count())) {
        w.truncate(w.len() - s.chars().count());
    } else if ends(&w, "s") && in_r1(&w, 1) && w.len() >= 2 && "bcdfghjklmnoprtvy".contains(w[w.len() - 2]) {
        w.truncate(w.len() - 1);
    }
    // Step 2.
    if ["dd", "gd", "nn", "dt", "gt", "kt", "tt"].iter().any(|s| ends(&w, s)) && in_r1(&w, 2) {
        w.pop();
    }
    // Step 3.
    if let Some(s) = ["lig", "els", "ig"].iter().find(|s| ends(&w, s) && in_r1(&w, s.len())) {
        w.truncate(w.len() - s.len());
    } else if (ends(&w, "löst") && in_r1(&w, 4)) || (ends(&w, "fullt") && in_r1(&w, 5)) {
        w.pop();
    }
    w.into_iter().collect()
}

/// The index terms of a text: words of letters and digits, lowercased, stop words left
/// out, stemmed, then folded.
pub fn tokenize(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| fold(&stem(&w)))
        .collect()
}

/// One searchable thing.
struct Doc {
    title: String,
    url: String,
    kind: &'static str,
    context: String,
    text: String,
}

fn docs(cx: &SiteCx<'_>) -> Vec<Doc> {
    let plan = cx.plan;
    let from = "index.html";
    let mut out = Vec::new();
    // `title` replaces the link's when given: a direction's link reads as its id.
    let mut push = |e: Entity, title: Option<String>, kind: &'static str, context: String, body: String| {
        let link = cx.entity_link(from, e);
        out.push(Doc { title: title.unwrap_or(link.title), url: link.href, kind, context, text: body });
    };
    for (p, ap) in plan.action_plans.iter().enumerate() {
        let plan_name = text(ap.name.as_ref(), &ap.id.value.0);
        for (g, ga) in ap.goal_areas.iter().enumerate() {
            for (d, dir) in ga.directions.iter().enumerate() {
                let t = text(dir.text.as_ref(), "");
                let context = format!("{} · {plan_name}", dir.id.value.0);
                push(Entity::Direction(p, g, d), Some(t), "direction", context, text(dir.description.as_ref(), ""));
            }
        }
        for (f, fa) in ap.focus_areas.iter().enumerate() {
            push(Entity::FocusArea(p, f), None, "focus_area", plan_name.clone(), text(fa.description.as_ref(), ""));
        }
        for (t, topic) in ap.topics.iter().enumerate() {
            push(Entity::Topic(p, t), None, "topic", plan_name.clone(), text(topic.description.as_ref(), ""));
        }
    }
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        let plan_name = cx.activity_plan_title(p);
        for (a, act) in ap.activities.iter().enumerate() {
            let owner = act.owner.as_ref().map(|o| cx.org_name(&o.value.0)).unwrap_or_default();
            let context = if owner.is_empty() { plan_name.clone() } else { format!("{plan_name} · {owner}") };
            push(Entity::Activity(p, a), None, "activity", context, text(act.description.as_ref(), ""));
        }
    }
    for (o, org) in plan.organisations.iter().enumerate() {
        push(Entity::Organisation(o), None, "organisation", String::new(), text(org.description.as_ref(), ""));
    }
    out
}

/// Term → (docs with it in the title, docs with it only in the text), sorted.
type Postings = BTreeMap<String, (Vec<usize>, Vec<usize>)>;

fn postings(docs: &[Doc]) -> Postings {
    use rayon::prelude::*;
    // Words are cut and stemmed on every core; only the merge is in order.
    let words: Vec<(Vec<String>, Vec<String>)> =
        docs.par_iter().map(|doc| (tokenize(&doc.title), tokenize(&doc.text))).collect();
    let mut map: Postings = BTreeMap::new();
    for (n, (title, body)) in words.into_iter().enumerate() {
        for t in &title {
            let e = map.entry(t.clone()).or_default();
            if e.0.last() != Some(&n) {
                e.0.push(n);
            }
        }
        for t in body {
            let e = map.entry(t).or_default();
            if e.0.last() != Some(&n) && e.1.last() != Some(&n) {
                e.1.push(n);
            }
        }
    }
    map
}

/// The shard key of a term: its first `len` characters, letters and digits only.
fn key(term: &str, len: usize) -> String {
    let k: String = term.chars().take(len).map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if k.is_empty() { "_".to_owned() } else { k }
}

fn deltas(ids: &[usize]) -> String {
    let mut s = String::from("[");
    let mut prev = 0;
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}", id - prev);
        prev = *id;
    }
    s.push(']');
    s
}

fn shard_json<'a>(terms: impl Iterator<Item = (&'a String, &'a (Vec<usize>, Vec<usize>))>) -> String {
    let mut s = String::from("{");
    for (i, (term, (title, body))) in terms.enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}:[{},{}]", serde_json::Value::String(term.clone()), deltas(title), deltas(body));
    }
    s.push('}');
    s
}

/// Splits terms into shards by key, a key growing a letter while its shard is too large.
fn shards(map: &Postings) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let terms: Vec<_> = map.iter().collect();
    split(&terms, 2, &mut out);
    out
}

/// A term and its documents: `(title hits, text hits)`.
type Term<'m> = (&'m String, &'m (Vec<usize>, Vec<usize>));

fn split(terms: &[Term<'_>], len: usize, out: &mut Vec<(String, String)>) {
    let mut groups: BTreeMap<String, Vec<Term<'_>>> = BTreeMap::new();
    for t in terms {
        groups.entry(key(t.0, len)).or_default().push(*t);
    }
    for (k, group) in groups {
        let json = shard_json(group.iter().copied());
        let longest = group.iter().map(|t| t.0.chars().count()).max().unwrap_or(0);
        if json.len() > SHARD_BUDGET && longest > len && len < 8 {
            // Terms shorter than the next key stay in a shard of their own key.
            let (short, long): (Vec<_>, Vec<_>) = group.iter().partition(|t| t.0.chars().count() <= len);
            if !short.is_empty() {
                out.push((format!("{k}-"), shard_json(short.into_iter())));
            }
            split(&long, len + 1, out);
        } else {
            out.push((k, json));
        }
    }
}

/// The search page, `sok.html`: a GET form, results filled in by `assets/search.js`;
/// without JavaScript it explains and links to the plain lists.
pub fn page(cx: &SiteCx<'_>) -> super::pages::Page {
    let path = super::paths::special("sok", cx.format());
    let fmt = cx.format();
    let lists: Vec<_> = [("plans", "planer"), ("organisations", "organisationer"), ("follow_up_page", "uppfoljning")]
        .iter()
        .map(|(label, name)| cx.link_path(&path, &super::paths::special(name, fmt), cx.label(label)))
        .collect();
    let home = cx.link_path(&path, &super::paths::special("index", fmt), cx.label("home"));
    super::pages::Page::new(
        cx,
        path.clone(),
        "search",
        cx.label("search"),
        vec![home],
        serde_json::json!({
            "lists": lists,
            "script": super::context::relative(&path, "assets/search.js"),
        }),
    )
}

/// Writes the search index of the site through `sink`; returns the number of files.
pub fn write(cx: &SiteCx<'_>, sink: &Sink<'_>) -> Result<usize, RenderError> {
    let docs = docs(cx);
    let map = postings(&docs);
    let shards = shards(&map);
    let mut count = 0;
    for (k, json) in &shards {
        sink(&format!("sok/t-{k}.json"), json.replace('<', "\\u003c").as_bytes())?;
        count += 1;
    }
    let chunks = docs.len().div_ceil(DOC_CHUNK);
    for (n, chunk) in docs.chunks(DOC_CHUNK).enumerate() {
        let rows: Vec<_> = chunk.iter().map(|d| [&d.title, &d.url, d.kind, &d.context]).collect();
        let json = serde_json::to_string(&rows).map_err(|e| RenderError::Write(e.to_string()))?;
        // `<` only occurs inside JSON strings: escaped, no `<script` reaches any file.
        sink(&format!("sok/d-{n}.json"), json.replace('<', "\\u003c").as_bytes())?;
        count += 1;
    }
    let keys: Vec<_> = shards.iter().map(|(k, _)| k.as_str()).collect();
    let manifest = serde_json::json!({"docs": docs.len(), "chunk": DOC_CHUNK, "chunks": chunks, "shards": keys});
    sink("sok/index.json", manifest.to_string().as_bytes())?;
    Ok(count + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_maps_swedish_letters() {
        assert_eq!(fold("vårdcentral"), "vardcentral");
        assert_eq!(fold("hälsa öppen idé"), "halsa oppen ide");
    }

    #[test]
    fn stem_follows_snowball_swedish() {
        // Expected values from the Snowball Swedish vocabulary.
        assert_eq!(stem("vården"), "vård");
        assert_eq!(stem("vårdens"), "vård");
        assert_eq!(stem("klokheten"), "klok");
        assert_eq!(stem("jaktkarlarne"), "jaktkarl");
        assert_eq!(stem("försäkringar"), "försäkring");
        assert_eq!(stem("barnens"), "barn");
        assert_eq!(stem("psykisk"), "psykisk");
        assert_eq!(stem("hälsa"), "häls");
        assert_eq!(stem("kommunerna"), "kommun");
        assert_eq!(stem("lyckligt"), "lyck");
    }

    #[test]
    fn tokenize_stems_folds_and_drops_stop_words() {
        assert_eq!(tokenize("Vårdens och Vården, 2030!"), vec!["vard", "vard", "2030"]);
        assert_eq!(tokenize("vard"), vec!["vard"]);
    }

    #[test]
    fn deltas_encode_gaps() {
        assert_eq!(deltas(&[3, 5, 9]), "[3,2,4]");
        assert_eq!(deltas(&[]), "[]");
    }

    #[test]
    fn the_js_stemmer_agrees_with_the_rust_one() {
        let words = [
            "vården",
            "vårdens",
            "hälsa",
            "hälsans",
            "kommunerna",
            "lyckligt",
            "psykisk",
            "barnens",
            "äldre",
            "samverkan",
            "förebyggande",
            "insatserna",
            "utvecklingsområden",
            "sakområden",
            "organisationer",
            "vard",
            "jaktkarlarne",
            "klokheten",
            "försäkringar",
            "löst",
            "fullt",
            "regionens",
            "tandvård",
            "öppenvård",
        ];
        let js = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/search.js");
        let script =
            format!("const s=require({js:?});for(const w of process.argv.slice(1))console.log(s.fold(s.stem(w)))");
        let Ok(out) = std::process::Command::new("node").arg("-e").arg(&script).args(words).output() else {
            panic!("node is needed for this test");
        };
        let got: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect();
        let want: Vec<String> = words.iter().map(|w| fold(&stem(w))).collect();
        assert_eq!(got, want);
    }
}
