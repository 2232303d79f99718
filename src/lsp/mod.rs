//! `plan lsp`: a language server over stdio, on the same loading and rules as `plan check`.
//!
//! The server finds the repository of each opened file (the nearest folder above it with a
//! `plan.toml`, else the one whose `plans/` holds it), keeps it loaded ([`workspace`]), and
//! checks it again after each change with the editor's text of the open files in place of
//! the files on disk. Changes that arrive together are checked together: the server reads
//! every message waiting before it checks, and checks before it answers a request, so an
//! answer never comes from text older than the request.
//!
//! Findings are sent for every file whose findings changed, open or not, with the code,
//! severity and text of `plan check`, and the help on a line of its own. A request never
//! brings the server down: a handler that fails answers with an error, and the server
//! goes on.

pub mod cursor;
pub mod features;
pub mod refs;
pub mod text;
pub mod workspace;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::t;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, InitializeParams, NumberOrString, OneOf, Position,
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use workspace::{Overlay, Workspace};

/// Most findings sent for one file, as `plan check` keeps at most as many from reading one
/// ([`crate::load::MAX_FINDINGS_PER_FILE`]); an editor slows down with more, and the first
/// ones are the ones to fix.
const MAX_PER_FILE: usize = crate::load::MAX_FINDINGS_PER_FILE;

/// Runs the server on stdin and stdout until the editor ends it.
pub fn run(lang: Lang) -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(connection, lang)?;
    io.join().map_err(|e| e.to_string())
}

/// Runs the server on a connection (stdio, or memory in tests) until `exit`.
pub fn serve(connection: Connection, lang: Lang) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "plan", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let mut server = Server::new(connection, lang, &params);
    server.run()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), ",".into(), "[".into(), "-".into()]),
            ..lsp_types::CompletionOptions::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// An open document.
struct Doc {
    uri: Uri,
}

struct Server {
    conn: Connection,
    lang: Lang,
    /// Open documents by path; their texts are in `overlay`.
    docs: HashMap<PathBuf, Doc>,
    overlay: Overlay,
    workspaces: Vec<Workspace>,
    /// Per workspace (by root): the files changed since the last check, or `None` when the
    /// whole repository must be read again (its settings changed).
    pending: HashMap<PathBuf, Option<BTreeSet<PathBuf>>>,
    /// The findings last sent, by document.
    published: HashMap<Uri, Vec<lsp_types::Diagnostic>>,
    /// The plan files that had findings at the last check.
    with_findings: std::collections::HashSet<PathBuf>,
    /// Whether the editor lets the server ask to be told of changed files.
    watch: bool,
    next_id: i32,
}

impl Server {
    fn new(conn: Connection, lang: Lang, params: &InitializeParams) -> Server {
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        Server {
            conn,
            lang,
            docs: HashMap::new(),
            overlay: Overlay::new(),
            workspaces: Vec::new(),
            pending: HashMap::new(),
            published: HashMap::new(),
            with_findings: std::collections::HashSet::new(),
            watch,
            next_id: 0,
        }
    }

    fn run(&mut self) -> Result<(), String> {
        loop {
            let Ok(msg) = self.conn.receiver.recv() else { return Ok(()) };
            if self.handle(msg)? {
                return Ok(());
            }
            // Everything already waiting is taken in before the check.
            while let Ok(msg) = self.conn.receiver.try_recv() {
                if self.handle(msg)? {
                    return Ok(());
                }
            }
            self.flush();
        }
    }

    /// Handles one message; `true` when the editor has ended the session.
    fn handle(&mut self, msg: Message) -> Result<bool, String> {
        match msg {
            Message::Request(request) => {
                if self.conn.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(true);
                }
                self.flush();
                let id = request.id.clone();
                let method = request.method.clone();
                let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(request)));
                let response = match answer {
                    Ok(Ok(value)) => Response::new_ok(id, value),
                    Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
                    Err(_) => {
                        self.log(&format!("plan lsp: the handler of {method} failed"));
                        Response::new_err(id, ErrorCode::InternalError as i32, format!("plan lsp: {method} failed"))
                    }
                };
                self.send(Message::Response(response));
            }
            Message::Notification(n) => {
                let method = n.method.clone();
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n))).is_err() {
                    self.log(&format!("plan lsp: the handler of {method} failed"));
                }
            }
            Message::Response(_) => {}
        }
        Ok(false)
    }

    /// Tells the editor something for its log of the server (an error the user may report).
    fn log(&self, message: &str) {
        let params = lsp_types::LogMessageParams { typ: lsp_types::MessageType::ERROR, message: message.to_owned() };
        self.send(Message::Notification(Notification::new(note::LogMessage::METHOD.to_owned(), params)));
    }

    /// Reads a notification's parameters; ones that cannot be read are logged and skipped.
    fn params<P: serde::de::DeserializeOwned>(&self, value: Value) -> Option<P> {
        match serde_json::from_value(value) {
            Ok(p) => Some(p),
            Err(e) => {
                self.log(&format!("plan lsp: a notification with parameters it cannot read: {e}"));
                None
            }
        }
    }

    fn send(&self, msg: Message) {
        // The editor has gone when sending fails; the receive loop ends then too.
        let _ = self.conn.sender.send(msg);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                let Some(p) = self.params::<lsp_types::DidOpenTextDocumentParams>(n.params) else { return };
                let Some(path) = text::path_of(&p.text_document.uri) else { return };
                self.overlay.insert(path.clone(), p.text_document.text);
                self.docs.insert(path.clone(), Doc { uri: p.text_document.uri });
                self.changed(&path);
            }
            note::DidChangeTextDocument::METHOD => {
                let Some(p) = self.params::<lsp_types::DidChangeTextDocumentParams>(n.params) else { return };
                let Some(path) = text::path_of(&p.text_document.uri) else { return };
                let Some(text) = self.overlay.get_mut(&path) else { return };
                for change in p.content_changes {
                    text::apply_change(text, change.range, &change.text);
                }
                self.changed(&path);
            }
            note::DidCloseTextDocument::METHOD => {
                let Some(p) = self.params::<lsp_types::DidCloseTextDocumentParams>(n.params) else { return };
                let Some(path) = text::path_of(&p.text_document.uri) else { return };
                self.overlay.remove(&path);
                self.docs.remove(&path);
                // A file outside every repository had findings only while it was open.
                if self.workspace_of(&path).is_none() {
                    self.publish_one(p.text_document.uri, Vec::new());
                }
                self.changed(&path);
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Some(p) = self.params::<lsp_types::DidChangeWatchedFilesParams>(n.params) else { return };
                for change in p.changes {
                    if let Some(path) = text::path_of(&change.uri)
                        && !self.overlay.contains_key(&path)
                    {
                        self.changed(&path);
                    }
                }
            }
            _ => {}
        }
    }

    /// Asks the editor to say when plan files or `plan.toml` change on disk.
    fn register_watchers(&mut self) {
        if !self.watch {
            return;
        }
        let watchers: Vec<Value> =
            ["**/*.yaml", "**/*.yml", "**/plan.toml"].iter().map(|g| serde_json::json!({ "globPattern": g })).collect();
        let registration = serde_json::json!({ "registrations": [{
            "id": "plan-watch",
            "method": note::DidChangeWatchedFiles::METHOD,
            "registerOptions": { "watchers": watchers },
        }]});
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("plan-{}", self.next_id)),
            req::RegisterCapability::METHOD.to_owned(),
            registration,
        );
        self.send(Message::Request(request));
    }

    /// Notes that a file changed (in the editor or on disk), for the next check.
    fn changed(&mut self, path: &Path) {
        let is_settings = path.file_name().is_some_and(|n| n == crate::config::FILE_NAME);
        if is_settings {
            let root = path.parent().unwrap_or(Path::new("/")).to_path_buf();
            if self.workspaces.iter().any(|w| w.root == root) {
                self.pending.insert(root, None);
            } else if self.overlay.contains_key(path) {
                self.open_workspace(&root);
            }
            return;
        }
        let root = match self.workspace_of(path) {
            Some(w) => w.root.clone(),
            None => match find_root(path) {
                Some(root) if !self.workspaces.iter().any(|w| w.root == root) => {
                    self.open_workspace(&root);
                    return;
                }
                Some(root) => root,
                None => {
                    self.check_alone(path);
                    return;
                }
            },
        };
        if let Some(files) = self.pending.entry(root).or_insert_with(|| Some(BTreeSet::new())) {
            files.insert(path.to_path_buf());
        }
    }

    fn workspace_of(&self, path: &Path) -> Option<&Workspace> {
        // The innermost repository that holds the file.
        self.workspaces.iter().filter(|w| w.holds(path)).max_by_key(|w| w.root.components().count())
    }

    fn open_workspace(&mut self, root: &Path) {
        self.workspaces.retain(|w| w.root != root);
        let ws = Workspace::open(root, self.lang, &self.overlay);
        self.workspaces.push(ws);
        self.pending.insert(root.to_path_buf(), Some(BTreeSet::new()));
    }

    /// A plan file in no repository: its own YAML and shape findings, nothing that needs
    /// the rest of a plan.
    fn check_alone(&mut self, path: &Path) {
        let Some(doc) = self.docs.get(path) else { return };
        let Some(text) = self.overlay.get(path) else { return };
        // Any YAML file (a CI workflow, say) may be opened: only one that says it is a plan
        // file, with a `typ` at its top level, is one.
        let says_plan = text.lines().any(|l| l.strip_prefix("typ:").is_some());
        if !crate::load::is_plan_file_name(path) || !says_plan {
            self.publish_one(doc.uri.clone(), Vec::new());
            return;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let input = crate::load::Input::Bytes(text.as_bytes().to_vec());
        let (source, _, findings) = crate::load::load_file(
            crate::source::FileId(0),
            name,
            input,
            self.lang,
            &std::collections::BTreeMap::new(),
        );
        let lines = text::lines(&source.text);
        let diagnostics = findings.iter().map(|d| to_lsp(d, &source.text, &lines, self.lang, &|_| None)).collect();
        self.publish_one(doc.uri.clone(), diagnostics);
    }

    /// Checks every repository with changes and sends the findings that changed.
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (root, files) in pending {
            let Some(i) = self.workspaces.iter().position(|w| w.root == root) else { continue };
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                match files {
                    None => self.workspaces[i] = Workspace::open(&root, self.lang, &self.overlay),
                    Some(files) => {
                        let files: Vec<PathBuf> = files.into_iter().collect();
                        self.workspaces[i].update(&files, &self.overlay);
                    }
                }
                self.publish(i);
            }));
            // A check that fails is a bug in plan; the repository is read afresh at the next
            // change rather than kept half updated, and the server goes on.
            if checked.is_err() {
                let r = root.display();
                self.log(&format!("plan lsp: checking {r} failed; it is read again at the next change"));
                self.workspaces.retain(|w| w.root != root);
            }
        }
    }

    /// Sends the findings of a repository, for each file whose findings changed.
    fn publish(&mut self, i: usize) {
        let ws = &self.workspaces[i];
        let lang = self.lang;
        let mut by_file: Vec<Vec<&crate::diagnostic::Diagnostic>> = vec![Vec::new(); ws.plan.sources.len()];
        for d in &ws.diagnostics {
            if let Some(list) = by_file.get_mut(d.span.file.0 as usize) {
                list.push(d);
            }
        }
        let uri_of_file = |f: crate::source::FileId| ws.path_of(f).map(text::uri_of);
        let mut out = Vec::new();
        for (f, path) in ws.paths().enumerate() {
            let file = crate::source::FileId(f as u32);
            let source = ws.plan.sources.get(file);
            let list = &by_file[f];
            // Most files have no findings now and had none before: nothing to send.
            if list.is_empty() && !self.with_findings.contains(path) {
                continue;
            }
            let uri = self.docs.get(path).map_or_else(|| text::uri_of(path), |d| d.uri.clone());
            let lines = text::lines(&source.text);
            // The line tables of the files related places are in, each worked out once.
            let tables = std::cell::RefCell::new(HashMap::new());
            let related = |span: crate::source::Span| {
                let uri = uri_of_file(span.file)?;
                let other = ws.plan.sources.get(span.file);
                let mut tables = tables.borrow_mut();
                let other_lines = tables.entry(span.file).or_insert_with(|| text::lines(&other.text));
                Some(lsp_types::Location { uri, range: text::range(&other.text, other_lines, span.start, span.end) })
            };
            let diagnostics: Vec<_> =
                list.iter().take(MAX_PER_FILE).map(|d| to_lsp(d, &source.text, &lines, lang, &related)).collect();
            out.push((uri, diagnostics));
        }
        // `plan.toml`: why it could not be read.
        let settings = ws.root.join(crate::config::FILE_NAME);
        let uri = self.docs.get(&settings).map_or_else(|| text::uri_of(&settings), |d| d.uri.clone());
        let diagnostics = match &ws.config_error {
            Some(message) => {
                let line = workspace::config_line(message).map_or(0, |l| l.saturating_sub(1));
                let at = Position { line, character: 0 };
                vec![lsp_types::Diagnostic {
                    range: lsp_types::Range { start: at, end: Position { line, character: u32::MAX / 2 } },
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("plan".into()),
                    message: message.clone(),
                    ..lsp_types::Diagnostic::default()
                }]
            }
            None => Vec::new(),
        };
        out.push((uri, diagnostics));
        self.with_findings.retain(|p| !ws.holds(p));
        let now = ws.paths().enumerate().filter(|(f, _)| !by_file[*f].is_empty());
        self.with_findings.extend(now.map(|(_, p)| p.to_path_buf()));
        for (uri, diagnostics) in out {
            self.publish_one(uri, diagnostics);
        }
    }

    fn publish_one(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) {
        let unchanged = match self.published.get(&uri) {
            Some(old) => *old == diagnostics,
            None => diagnostics.is_empty(),
        };
        if unchanged {
            return;
        }
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics: diagnostics.clone(), version: None };
        self.send(Message::Notification(Notification::new(note::PublishDiagnostics::METHOD.to_owned(), params)));
        if diagnostics.is_empty() {
            self.published.remove(&uri);
        } else {
            self.published.insert(uri, diagnostics);
        }
    }

    /// Answers a request, or says why not.
    fn request(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        let lang = self.lang;
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let json = |v: &dyn erased::Json| v.json();
        match request.method.as_str() {
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(request.params).map_err(bad)?;
                let (uri, at) = (p.text_document_position.text_document.uri, p.text_document_position.position);
                let Some(path) = text::path_of(&uri) else { return Ok(Value::Null) };
                let Some(doc) = self.overlay.get(&path) else { return Ok(Value::Null) };
                let ws = self.workspace_of(&path).map(|w| (w, w.file_id(&path)));
                Ok(json(&features::completion(ws, doc, at, lang)))
            }
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(request.params).map_err(bad)?;
                let (path, ws, at) = self.at(p.text_document_position_params)?;
                Ok(json(&features::hover(ws, &path, at)))
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = serde_json::from_value(request.params).map_err(bad)?;
                let (path, ws, at) = self.at(p.text_document_position_params)?;
                Ok(json(&features::definition(ws, &path, at)))
            }
            req::References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(request.params).map_err(bad)?;
                let declaration = p.context.include_declaration;
                let (path, ws, at) = self.at(p.text_document_position)?;
                Ok(json(&features::references(ws, &path, at, declaration)))
            }
            req::PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams = serde_json::from_value(request.params).map_err(bad)?;
                let (path, ws, at) = self.at(p)?;
                Ok(json(&features::prepare_rename(ws, &path, at)))
            }
            req::Rename::METHOD => {
                let p: lsp_types::RenameParams = serde_json::from_value(request.params).map_err(bad)?;
                let (path, ws, at) = self.at(p.text_document_position)?;
                features::rename(ws, &path, at, &p.new_name)
                    .map(|edit| json(&edit))
                    .map_err(|message| (ErrorCode::InvalidRequest, message))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = serde_json::from_value(request.params).map_err(bad)?;
                let Some(path) = text::path_of(&p.text_document.uri) else { return Ok(Value::Null) };
                let Some(ws) = self.workspace_of(&path) else { return Ok(Value::Null) };
                Ok(json(&features::symbols(ws, &path)))
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(request.params).map_err(bad)?;
                Ok(json(&features::code_actions(&p.text_document.uri, &p.context.diagnostics, lang)))
            }
            method => {
                let message = t!(lang, "plan lsp kan inte svara på {method}", "plan lsp cannot answer {method}");
                Err((ErrorCode::MethodNotFound, message))
            }
        }
    }

    /// The file, its repository and the position of a request at a place.
    fn at(
        &self,
        p: lsp_types::TextDocumentPositionParams,
    ) -> Result<(PathBuf, &Workspace, Position), (ErrorCode, String)> {
        let lang = self.lang;
        let none = || {
            let message = lang.pick("filen hör inte till något planrepositorium", "the file is in no plan repository");
            (ErrorCode::InvalidParams, message.to_owned())
        };
        let path = text::path_of(&p.text_document.uri).ok_or_else(none)?;
        let ws = self.workspace_of(&path).ok_or_else(none)?;
        Ok((path, ws, p.position))
    }
}

/// Serialises an answer; the types are lsp-types', which always serialise.
mod erased {
    /// Something to send as JSON.
    pub trait Json {
        /// As JSON (`null` if it cannot be, which lsp-types' types never are).
        fn json(&self) -> serde_json::Value;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

/// The repository a file belongs to: the nearest folder above it with a `plan.toml`, or
/// else the folder whose `plans/` holds it.
pub fn find_root(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    if let Some(root) = dir.ancestors().find(|d| d.join(crate::config::FILE_NAME).is_file()) {
        return Some(root.to_path_buf());
    }
    dir.ancestors().find(|d| d.file_name().is_some_and(|n| n == "plans")).and_then(Path::parent).map(Path::to_path_buf)
}

/// A finding as the editor shows it: the help (and note) on lines of their own under the
/// message, and its fixes as data for code actions.
fn to_lsp(
    d: &crate::diagnostic::Diagnostic,
    text: &str,
    lines: &[std::ops::Range<usize>],
    lang: Lang,
    related: &dyn Fn(crate::source::Span) -> Option<lsp_types::Location>,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\n{}: {help}", lang.pick("hjälp", "help")));
    }
    if let Some(note) = &d.note {
        message.push_str(&format!("\n{note}"));
    }
    let related_information: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| Some(DiagnosticRelatedInformation { location: related(r.span)?, message: r.message.clone() }))
        .collect();
    let fixes: Vec<lsp_types::TextEdit> = d
        .fixes
        .iter()
        .filter(|f| f.span.file == d.span.file)
        .map(|f| lsp_types::TextEdit {
            range: text::range(text, lines, f.span.start, f.span.end),
            new_text: if d.code == crate::diagnostic::Code::P001 {
                f.replacement.clone()
            } else {
                features::scalar(&f.replacement)
            },
        })
        .collect();
    lsp_types::Diagnostic {
        range: text::range(text, lines, d.span.start, d.span.end),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        source: Some("plan".into()),
        message,
        related_information: (!related_information.is_empty()).then_some(related_information),
        data: (!fixes.is_empty()).then(|| serde_json::to_value(&fixes).unwrap_or(Value::Null)),
        ..lsp_types::Diagnostic::default()
    }
}
