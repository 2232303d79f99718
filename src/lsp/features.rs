//! What the editor asks for: completion, hover, go to definition, references, rename,
//! document symbols and code actions, each answered from the last check of the repository.

use super::cursor::{self, At};
use super::refs::{self, kind_of_key};
use super::text;
use super::workspace::Workspace;
use crate::escape::markdown_inline;
use crate::lang::Lang;
use crate::model::index::Kind;
use crate::model::schema::{self, Def, Shape};
use crate::model::{Entity, Plan};
use crate::source::{FileId, Pos, Span};
use crate::t;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, DocumentSymbol, Documentation, Hover, HoverContents,
    Location, MarkupContent, MarkupKind, Position, Range, SymbolKind, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;

/// Most completion items sent at once; the editor filters further as the user types.
const MAX_ITEMS: usize = 500;

/// The range of a span, in the text the span was read from.
pub fn span_range(plan: &Plan, span: Span) -> Range {
    let source = plan.sources.get(span.file);
    let lines = text::lines(&source.text);
    text::range(&source.text, &lines, span.start, span.end)
}

/// The location of a span.
pub fn location(ws: &Workspace, span: Span) -> Option<Location> {
    let path = ws.path_of(span.file)?;
    Some(Location { uri: text::uri_of(path), range: span_range(&ws.plan, span) })
}

/// Our position of an LSP position in a file of the plan.
fn pos_in(plan: &Plan, file: FileId, at: Position) -> Pos {
    let source = plan.sources.get(file);
    let lines = text::lines(&source.text);
    text::from_lsp(&source.text, &lines, at)
}

fn contains(span: Span, file: FileId, at: Pos) -> bool {
    span.file == file && span.start <= at && at <= span.end
}

/// The entity whose id is at the cursor: a reference to it, or its definition.
pub fn entity_at(ws: &Workspace, path: &Path, at: Position) -> Option<(Entity, Span)> {
    let file = ws.file_id(path)?;
    let plan = &ws.plan;
    let pos = pos_in(plan, file, at);
    if let Some(r) = refs::all(plan).into_iter().find(|r| contains(r.span, file, pos)) {
        let kind = kind_of_key(r.key)?;
        let e = resolve(plan, r.id, kind)?;
        return Some((e, r.span));
    }
    // A definition: the word at the cursor names an entity defined right there.
    let source = plan.sources.get(file);
    let lines = text::lines(&source.text);
    let line = &source.text[lines.get(at.line as usize)?.clone()];
    let col = (pos.column - 1) as usize;
    let (start, end) = cursor::word_at(line, col);
    let word: String = line.chars().skip(start).take(end - start).collect();
    let e = plan.index.get(&word)?;
    let (_, span) = plan.id_of(e);
    contains(span, file, pos).then_some((e, span))
}

/// The entity an id of `kind` names: the definition of that kind, also when the id is
/// defined twice (P003) and the first definition is another kind.
fn resolve(plan: &Plan, id: &str, kind: Kind) -> Option<Entity> {
    let e = plan.index.get(id)?;
    if e.kind() == kind {
        return Some(e);
    }
    plan.index.duplicates.iter().find(|(first, again)| *first == e && again.kind() == kind).map(|&(_, a)| a)
}

/// The name of an entity (an inriktning's text), if it has one.
pub fn name_of(plan: &Plan, e: Entity) -> Option<&str> {
    fn n(n: &Option<crate::source::Spanned<String>>) -> Option<&str> {
        n.as_ref().map(|n| n.value.as_str())
    }
    match e {
        Entity::Organisation(o) => n(&plan.organisations[o].name),
        Entity::ActionPlan(p) => n(&plan.action_plans[p].name),
        Entity::Topic(p, t) => n(&plan.action_plans[p].topics[t].name),
        Entity::GoalArea(p, g) => n(&plan.action_plans[p].goal_areas[g].name),
        Entity::Direction(p, g, d) => n(&plan.action_plans[p].goal_areas[g].directions[d].text),
        Entity::Indicator(p, at, i) => n(&plan.action_plans[p].indicator(at, i).name),
        Entity::FocusArea(p, f) => n(&plan.action_plans[p].focus_areas[f].name),
        Entity::ActivityPlan(p) => n(&plan.activity_plans[p].name),
        Entity::Assignment(p, a) => n(&plan.activity_plans[p].assignments[a].name),
        Entity::Activity(p, a) => n(&plan.activity_plans[p].activities[a].title),
    }
}

fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    let name = kind.name(lang);
    // "en organisation" → "organisation": the label reads as a heading.
    name.split_once(' ').map_or(name, |(_, rest)| rest)
}

/// Where a span is, as `plans/fil.yaml:12`.
fn place(plan: &Plan, span: Span) -> String {
    format!("{}:{}", plan.sources.get(span.file).name, span.start.line)
}

/// The hover text of an entity: its name or text, what it is, where it is defined, and for
/// an inriktning its målområde and how much work traces to it.
pub fn hover(ws: &Workspace, path: &Path, at: Position) -> Option<Hover> {
    let (e, span) = entity_at(ws, path, at)?;
    let plan = &ws.plan;
    let lang = ws.options.lang;
    let (id, def) = plan.id_of(e);
    let mut out = format!("**{}** · {}", markdown_inline(id), kind_label(e.kind(), lang));
    if let Some(name) = name_of(plan, e) {
        out.push_str(&format!("\n\n{}", markdown_inline(name)));
    }
    match e {
        Entity::Direction(p, g, _) => {
            let area = &plan.action_plans[p].goal_areas[g];
            let (gid, gname) = (area.id.value.as_str(), area.name.as_ref().map_or("", |n| n.value.as_str()));
            let label = lang.pick("Målområde", "Goal area (målområde)");
            out.push_str(&format!("\n\n{label}: **{}** {}", markdown_inline(gid), markdown_inline(gname)));
        }
        Entity::Organisation(o) => {
            if let Some(parent) = &plan.organisations[o].part_of {
                let label = lang.pick("Del av", "Part of");
                out.push_str(&format!("\n\n{label}: `{}`", markdown_inline(parent.value.as_str())));
            }
        }
        Entity::Activity(p, a) => {
            let act = &plan.activity_plans[p].activities[a];
            if let Some(status) = &act.status {
                out.push_str(&format!("\n\nstatus: {}", status.value.as_str()));
            }
            if let Some(owner) = &act.owner {
                out.push_str(&format!(" · ansvarig: `{}`", markdown_inline(owner.value.as_str())));
            }
        }
        _ => {}
    }
    let n = refs::to(plan, e).len();
    if n > 0 {
        let refs = t!(lang, "{n} referenser i repositoriet", "{n} references in the repository");
        out.push_str(&format!("\n\n{refs}"));
    }
    let at = place(plan, def);
    let defined = t!(lang, "Definierad i `{at}`", "Defined in `{at}`");
    out.push_str(&format!("\n\n{defined}"));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: out }),
        range: Some(span_range(plan, span)),
    })
}

/// Where the entity at the cursor is defined.
pub fn definition(ws: &Workspace, path: &Path, at: Position) -> Option<Location> {
    let (e, _) = entity_at(ws, path, at)?;
    location(ws, ws.plan.id_of(e).1)
}

/// Every reference to the entity at the cursor, and its definition when asked for.
pub fn references(ws: &Workspace, path: &Path, at: Position, declaration: bool) -> Vec<Location> {
    let Some((e, _)) = entity_at(ws, path, at) else { return Vec::new() };
    let plan = &ws.plan;
    let def = declaration.then(|| plan.id_of(e).1);
    def.into_iter().chain(refs::to(plan, e).into_iter().map(|r| r.span)).filter_map(|s| location(ws, s)).collect()
}

/// The range of the id that a rename at the cursor would change.
pub fn prepare_rename(ws: &Workspace, path: &Path, at: Position) -> Option<Range> {
    let (_, span) = entity_at(ws, path, at)?;
    Some(span_range(&ws.plan, span))
}

/// The edits that rename the entity at the cursor to `new` everywhere, or why not.
// lsp-types' WorkspaceEdit is keyed by Uri, whose parsed form caches; it is never changed
// while it is a key here.
#[allow(clippy::mutable_key_type)]
pub fn rename(ws: &Workspace, path: &Path, at: Position, new: &str) -> Result<WorkspaceEdit, String> {
    let lang = ws.options.lang;
    let Some((e, _)) = entity_at(ws, path, at) else {
        return Err(lang.pick("här finns inget id att byta namn på", "there is no id here to rename").to_owned());
    };
    let new = new.trim();
    let shown = crate::diagnostic::sanitize(new);
    if new.is_empty() || !new.chars().all(cursor::is_word_char) || new.starts_with(['-', '&', '*', '!', '%', '@']) {
        return Err(t!(
            lang,
            "`{shown}` kan inte vara ett id: skriv det utan mellanslag, kolon, kommatecken, citattecken och hakparenteser",
            "`{shown}` cannot be an id: write it without spaces, colons, commas, quotes and brackets"
        ));
    }
    if let Some(other) = ws.plan.index.get(new) {
        let what = other.kind().name(lang);
        return Err(t!(lang, "`{shown}` är redan id för {what}", "`{shown}` is already the id of {what}"));
    }
    let plan = &ws.plan;
    let value = scalar(new);
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    let spans = std::iter::once(plan.id_of(e).1).chain(refs::to(plan, e).into_iter().map(|r| r.span));
    for span in spans {
        let Some(loc) = location(ws, span) else { continue };
        changes.entry(loc.uri).or_default().push(TextEdit { range: loc.range, new_text: value.clone() });
    }
    Ok(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() })
}

/// An id written as a YAML value: in quotes when YAML would read it as something else
/// than that text (`1.2`, `true`, `0187`).
pub fn scalar(id: &str) -> String {
    let plain_ok = !crate::yaml::is_number(id) && !crate::yaml::is_null_text(id) && !is_bool(id);
    if plain_ok { id.to_owned() } else { crate::yaml::explain::quoted(id) }
}

fn is_bool(s: &str) -> bool {
    matches!(s, "true" | "false" | "True" | "False" | "TRUE" | "FALSE")
}

/// The document symbols of a plan file: the activities (and uppdrag) of an aktivitetsplan,
/// the målområden with their inriktningar and the utvecklingsområden of a handlingsplan,
/// the organisations of an organisation file.
pub fn symbols(ws: &Workspace, path: &Path) -> Vec<DocumentSymbol> {
    let Some(file) = ws.file_id(path) else { return Vec::new() };
    let plan = &ws.plan;
    let symbol = |id: &str, span: Span, name: Option<&str>, kind: SymbolKind, children| {
        let range = span_range(plan, span);
        #[allow(deprecated)]
        DocumentSymbol {
            name: match name {
                Some(n) if !n.trim().is_empty() => format!("{id} {}", n.trim()),
                _ => id.to_owned(),
            },
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children,
        }
    };
    fn name(n: &Option<crate::source::Spanned<String>>) -> Option<&str> {
        n.as_ref().map(|n| n.value.as_str())
    }
    let mut out = Vec::new();
    for org in plan.organisations.iter().filter(|o| o.id.span.file == file) {
        out.push(symbol(org.id.value.as_str(), org.id.span, name(&org.name), SymbolKind::OBJECT, None));
    }
    for ap in plan.action_plans.iter().filter(|a| a.id.span.file == file) {
        let mut children = Vec::new();
        for area in &ap.goal_areas {
            let dirs = area
                .directions
                .iter()
                .map(|d| symbol(d.id.value.as_str(), d.id.span, name(&d.text), SymbolKind::ENUM_MEMBER, None));
            children.push(symbol(
                area.id.value.as_str(),
                area.id.span,
                name(&area.name),
                SymbolKind::NAMESPACE,
                Some(dirs.collect()),
            ));
        }
        for f in &ap.focus_areas {
            children.push(symbol(f.id.value.as_str(), f.id.span, name(&f.name), SymbolKind::CLASS, None));
        }
        for t in &ap.topics {
            children.push(symbol(t.id.value.as_str(), t.id.span, name(&t.name), SymbolKind::PROPERTY, None));
        }
        out.push(symbol(ap.id.value.as_str(), ap.id.span, name(&ap.name), SymbolKind::MODULE, Some(children)));
    }
    for ap in plan.activity_plans.iter().filter(|a| a.id.span.file == file) {
        let mut children = Vec::new();
        for a in &ap.assignments {
            children.push(symbol(a.id.value.as_str(), a.id.span, name(&a.name), SymbolKind::CLASS, None));
        }
        for a in &ap.activities {
            children.push(symbol(a.id.value.as_str(), a.id.span, name(&a.title), SymbolKind::EVENT, None));
        }
        out.push(symbol(ap.id.value.as_str(), ap.id.span, name(&ap.name), SymbolKind::MODULE, Some(children)));
    }
    out
}

/// Completion at the cursor in `text` (the document as typed): ids where the key holds a
/// reference, words where it holds one of a closed list, keys where a key goes.
pub fn completion(
    ws: Option<(&Workspace, Option<FileId>)>,
    doc: &str,
    at: Position,
    lang: Lang,
) -> Vec<CompletionItem> {
    let lines = text::lines(doc);
    let Some(line_range) = lines.get(at.line as usize) else { return Vec::new() };
    let line = &doc[line_range.clone()];
    let pos = text::from_lsp(doc, &lines, at);
    let c = cursor::at(doc, at.line as usize, (pos.column - 1) as usize);
    let (l, start, end) = c.word;
    let to_units = |col: usize| line.chars().take(col).map(char::len_utf16).sum::<usize>() as u32;
    let range = Range {
        start: Position { line: l as u32, character: to_units(start) },
        end: Position { line: l as u32, character: to_units(end) },
    };
    let item =
        |label: String, detail: Option<String>, doc: Option<String>, kind: CompletionItemKind, insert: String| {
            CompletionItem {
                label: label.clone(),
                kind: Some(kind),
                detail,
                documentation: doc
                    .map(|d| Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: d })),
                filter_text: Some(label),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: insert })),
                ..CompletionItem::default()
            }
        };
    let top = file_def(doc);
    let mut items = Vec::new();
    match &c.at {
        At::Value(key) => {
            if let Some(kind) = kind_of_key(key)
                && let Some((ws, file)) = ws
            {
                let plan = &ws.plan;
                for (id, e) in ids_of(plan, kind, file) {
                    let name = name_of(plan, e).map(|n| n.trim().to_owned());
                    let docs = match e {
                        Entity::Direction(p, g, _) => {
                            let area = &plan.action_plans[p].goal_areas[g];
                            let gname = area.name.as_ref().map_or("", |n| n.value.as_str());
                            Some(format!("{} {}", markdown_inline(area.id.value.as_str()), markdown_inline(gname)))
                        }
                        _ => None,
                    };
                    items.push(item(id.to_owned(), name, docs, CompletionItemKind::REFERENCE, scalar(id)));
                }
            } else if let Some(shape) = shape_of(top, &c.path, key) {
                match shape {
                    Shape::Keyword(words) => {
                        for (word, meaning) in words {
                            let detail = Some((*meaning).to_owned());
                            items.push(item(
                                (*word).to_owned(),
                                detail,
                                None,
                                CompletionItemKind::ENUM_MEMBER,
                                (*word).to_owned(),
                            ));
                        }
                    }
                    Shape::Typ(_) => {
                        for typ in schema::file_types() {
                            items.push(item(
                                typ.to_owned(),
                                None,
                                None,
                                CompletionItemKind::ENUM_MEMBER,
                                typ.to_owned(),
                            ));
                        }
                    }
                    Shape::Bool => {
                        for b in ["true", "false"] {
                            items.push(item(b.to_owned(), None, None, CompletionItemKind::VALUE, b.to_owned()));
                        }
                    }
                    _ => {}
                }
            }
        }
        At::Key => {
            let def = match top {
                Some(def) => def_at(def, &c.path),
                // No `typ` yet: it is the key to write first.
                None if c.path.is_empty() => {
                    let detail = Some(lang.pick("Filtyp", "File type").to_owned());
                    items.push(item("typ".into(), detail, None, CompletionItemKind::PROPERTY, "typ: ".into()));
                    None
                }
                None => None,
            };
            if let Some(def) = def {
                for field in def.fields().iter().filter(|f| !c.siblings.iter().any(|s| s == f.key)) {
                    let insert = match field.shape {
                        Shape::Object(_) | Shape::List(_) | Shape::Markdown => format!("{}:", field.key),
                        _ => format!("{}: ", field.key),
                    };
                    let detail = Some(field.description.to_owned());
                    let mut it = item(field.key.to_owned(), detail, None, CompletionItemKind::PROPERTY, insert);
                    // Required keys first.
                    it.sort_text = Some(format!("{}{}", if field.required { 0 } else { 1 }, field.key));
                    items.push(it);
                }
            }
        }
        At::Other => {}
    }
    let typed = c.typed.to_lowercase();
    items.retain(|i| typed.is_empty() || i.label.to_lowercase().contains(&typed));
    items.truncate(MAX_ITEMS);
    items
}

/// Every id of a kind, sorted, with the entity; an uppdrag only from the file itself.
fn ids_of(plan: &Plan, kind: Kind, file: Option<FileId>) -> Vec<(&str, Entity)> {
    let mut ids: Vec<(&str, Entity)> = plan
        .index
        .ids_of(kind)
        .filter_map(|id| Some((id, plan.index.get(id)?)))
        .filter(|(_, e)| kind != Kind::Assignment || file.is_none_or(|f| plan.id_of(*e).1.file == f))
        .collect();
    ids.sort_by(|a, b| a.0.cmp(b.0));
    ids
}

/// The kind of file a text is, from its `typ:` line.
fn file_def(doc: &str) -> Option<Def> {
    doc.lines().find_map(|l| l.strip_prefix("typ:")).and_then(|v| Def::of_file_type(v.trim()))
}

/// The part of a file that a path of keys leads to.
fn def_at(top: Def, path: &[String]) -> Option<Def> {
    let mut def = top;
    for key in path {
        let field = def.fields().iter().find(|f| f.key == key)?;
        def = match field.shape {
            Shape::Object(d) | Shape::List(d) => d,
            _ => return None,
        };
    }
    Some(def)
}

/// What the value of `key` holds at the cursor: from the part the path leads to, or else
/// from the first part of any file that has that key.
fn shape_of(top: Option<Def>, path: &[String], key: &str) -> Option<Shape> {
    let here = top.and_then(|t| def_at(t, path)).and_then(|d| d.fields().iter().find(|f| f.key == key));
    here.or_else(|| schema::DEFS.iter().flat_map(|d| d.fields()).find(|f| f.key == key)).map(|f| f.shape)
}

/// The code actions of a finding: each of its fixes, from the data it was published with.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(
    uri: &lsp_types::Uri,
    diagnostics: &[lsp_types::Diagnostic],
    lang: Lang,
) -> Vec<lsp_types::CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(fixes) = d.data.as_ref().and_then(|v| serde_json::from_value::<Vec<TextEdit>>(v.clone()).ok()) else {
            continue;
        };
        for fix in fixes {
            let new = crate::diagnostic::sanitize(&fix.new_text);
            let title = t!(lang, "Skriv `{new}`", "Write `{new}`");
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), vec![fix]);
            out.push(lsp_types::CodeActionOrCommand::CodeAction(lsp_types::CodeAction {
                title,
                kind: Some(lsp_types::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                is_preferred: Some(true),
                ..lsp_types::CodeAction::default()
            }));
        }
    }
    out
}
