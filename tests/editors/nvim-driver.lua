-- Drives a headless Neovim (0.7 or later) through the steps of a test, with the LSP client
-- that the set-up of docs/editors.md starts, and writes what happened as JSON.
--
-- `tests/editors.rs` starts `nvim --headless --clean -u init.lua`, where init.lua runs the
-- documented set-up and then this file, with PLAN_NVIM_SPEC naming a JSON file:
--   { "out": "<file to write>", "timeout_ms": N, "steps": [ { "op": ..., ... }, ... ] }
-- Steps (positions are LSP's: 0-based lines, UTF-16 characters):
--   open           { file }                       :edit the file (its FileType starts the client)
--   wait_client    { file }                       until a client named plan is attached and ready
--   diagnostics    { file, has?, lacks?, message? }
--                                                  until the last published findings for the file
--                                                  have a finding with code `has` / none with
--                                                  `lacks` / one whose message has `message`
--   request        { method, file, line?, character?, params? }
--                                                  a request (at a position, if given) through
--                                                  the client
--   edit           { file, line, character, end_line, end_character, text }
--                                                  changes the buffer (the client sends didChange)
--   apply          { step, path }                 applies the WorkspaceEdit at `path` (keys, and
--                                                  0-based indices) in the result of the step
--                                                  with the 0-based index `step`
--   cursor         { file, line, character }      shows the file's buffer, the cursor there
--   call           { fn, args? }                  vim.lsp.buf[fn](args...), as a user's key would
--   wait_current   { ends_with }                  until the current buffer's name ends so: where
--                                                  the cursor is (0-based line, byte column, line)
--   wait_qflist    {}                             until the quickfix list has entries: them
--   wait_text      { file, contains }             until the file's buffer holds the text
--   code_action    { choose }                     vim.lsp.buf.code_action() at the cursor, the
--                                                  user picking the action whose title has `choose`:
--                                                  the titles offered
--   write_all      {}                             :wall
-- Every step's outcome is kept, in order in `steps` and, for a step with `as`, under that
-- name in `named`; the first failing step ends the run.

local spec_path = os.getenv('PLAN_NVIM_SPEC')
local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(spec_path), '\n'))
local timeout = spec.timeout_ms or 20000

-- The findings as the server sent them (LSP's positions), last notification per URI, kept
-- before Neovim turns them into its own (byte columns).
local published = {}
local publish_count = 0
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    publish_count = publish_count + 1
    published[result.uri] = result.diagnostics
  end
  return default_publish(err, result, ctx, config)
end

local function buffer(file)
  local nr = vim.fn.bufnr(file)
  if nr < 0 then
    error('no buffer for ' .. file)
  end
  return nr
end

-- The clients of a buffer: vim.lsp.get_clients from 0.10 on, buf_get_clients before.
local function clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.lsp.buf_get_clients(bufnr)
end

local function plan_client(bufnr)
  for _, client in pairs(clients(bufnr)) do
    if client.name == 'plan' then
      return client
    end
  end
  return nil
end

local function wait(what, condition)
  local ok = vim.wait(timeout, condition, 20)
  if not ok then
    error('timed out waiting for ' .. what)
  end
end

local function has_code(list, code)
  for _, d in ipairs(list or {}) do
    if d.code == code then
      return true
    end
  end
  return false
end

local function position_params(step)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buffer(step.file)) } }
  if step.line ~= nil then
    params.position = { line = step.line, character = step.character }
  end
  return params
end

local results = {}

local ops = {}

function ops.open(step)
  vim.cmd('edit ' .. vim.fn.fnameescape(step.file))
  return { filetype = vim.bo.filetype, buffer = vim.api.nvim_get_current_buf() }
end

function ops.wait_client(step)
  local bufnr = buffer(step.file)
  wait('the plan client', function()
    local c = plan_client(bufnr)
    -- server_capabilities is there once the server has answered `initialize`.
    return c ~= nil and c.server_capabilities ~= nil and not c:is_stopped()
  end)
  local c = plan_client(bufnr)
  return { name = c.name, root_dir = c.config.root_dir, offset_encoding = c.offset_encoding }
end

function ops.diagnostics(step)
  local bufnr = buffer(step.file)
  local uri = vim.uri_from_bufnr(bufnr)
  wait('findings for ' .. step.file, function()
    local list = published[uri]
    if list == nil then
      return false
    end
    if step.has and not has_code(list, step.has) then
      return false
    end
    if step.lacks and has_code(list, step.lacks) then
      return false
    end
    if step.message then
      for _, d in ipairs(list) do
        if d.message:find(step.message, 1, true) then
          return true
        end
      end
      return false
    end
    return true
  end)
  -- Neovim's own view of them: 0-based lines, byte columns.
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, message = d.message, source = d.source, severity = d.severity })
  end
  return { uri = uri, lsp = published[uri], neovim = shown }
end

function ops.request(step)
  local bufnr = buffer(step.file)
  local params = position_params(step)
  for k, v in pairs(step.params or {}) do
    params[k] = v
  end
  local responses, err = vim.lsp.buf_request_sync(bufnr, step.method, params, timeout)
  if not responses then
    error(step.method .. ': ' .. tostring(err))
  end
  for _, response in pairs(responses) do
    if response.error then
      return { error = response.error }
    end
    return { result = response.result == nil and vim.NIL or response.result }
  end
  error(step.method .. ': no answer')
end

function ops.edit(step)
  local bufnr = buffer(step.file)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- UTF-16 positions to byte columns, as the server counts them.
  local function byte_col(line, character)
    return vim.str_byteindex(lines[line + 1], character, true)
  end
  local text = vim.split(step.text, '\n', { plain = true })
  vim.api.nvim_buf_set_text(
    bufnr,
    step.line,
    byte_col(step.line, step.character),
    step.end_line,
    byte_col(step.end_line, step.end_character),
    text
  )
  return { lines = vim.api.nvim_buf_line_count(bufnr) }
end

function ops.apply(step)
  local edit = results[step.step + 1].result
  for _, key in ipairs(step.path or {}) do
    if type(key) == 'number' then
      key = key + 1
    end
    edit = edit[key]
    if edit == nil then
      error('nothing at ' .. vim.inspect(step.path) .. ' in the result of step ' .. step.step)
    end
  end
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  return {}
end

function ops.cursor(step)
  local bufnr = buffer(step.file)
  vim.api.nvim_set_current_buf(bufnr)
  local line = vim.api.nvim_buf_get_lines(bufnr, step.line, step.line + 1, false)[1]
  vim.api.nvim_win_set_cursor(0, { step.line + 1, vim.str_byteindex(line, step.character, true) })
  return { text = line }
end

function ops.call(step)
  vim.lsp.buf[step.fn](unpack(step.args or {}))
  return {}
end

function ops.wait_current(step)
  local function here()
    return vim.api.nvim_buf_get_name(0)
  end
  wait('a buffer named *' .. step.ends_with, function()
    local name = here()
    return name:sub(-#step.ends_with) == step.ends_with
  end)
  local cursor = vim.api.nvim_win_get_cursor(0)
  return { file = here(), line = cursor[1] - 1, col = cursor[2], text = vim.api.nvim_get_current_line() }
end

function ops.wait_qflist(_)
  wait('the quickfix list', function()
    return #vim.fn.getqflist() > 0
  end)
  local entries = {}
  for _, e in ipairs(vim.fn.getqflist()) do
    table.insert(entries, { file = vim.api.nvim_buf_get_name(e.bufnr), lnum = e.lnum, col = e.col, text = e.text })
  end
  vim.cmd('cclose')
  return { entries = entries }
end

function ops.wait_text(step)
  wait(step.contains .. ' in ' .. step.file, function()
    local nr = vim.fn.bufnr(step.file)
    if nr < 0 or not vim.api.nvim_buf_is_loaded(nr) then
      return false
    end
    local text = table.concat(vim.api.nvim_buf_get_lines(nr, 0, -1, false), '\n')
    return text:find(step.contains, 1, true) ~= nil
  end)
  return { modified = vim.api.nvim_buf_get_option(vim.fn.bufnr(step.file), 'modified') }
end

function ops.code_action(step)
  local offered = nil
  local original = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local chosen = nil
    for i, item in ipairs(items) do
      local title = opts and opts.format_item and opts.format_item(item) or tostring(i)
      table.insert(offered, title)
      if chosen == nil and title:find(step.choose, 1, true) then
        chosen = i
      end
    end
    if chosen then
      on_choice(items[chosen], chosen)
    else
      on_choice(nil, nil)
    end
  end
  local ok, err = pcall(vim.lsp.buf.code_action)
  if not ok then
    vim.ui.select = original
    error(err)
  end
  wait('code actions', function()
    return offered ~= nil
  end)
  vim.ui.select = original
  return { offered = offered }
end

function ops.write_all(_)
  vim.cmd('wall')
  return {}
end

local function run()
  local out = { steps = results, named = vim.empty_dict() }
  for i, step in ipairs(spec.steps) do
    local ok, value = pcall(ops[step.op], step)
    if ok then
      value.op = step.op
      results[i] = value
      if step.as then
        out.named[step.as] = value
      end
    else
      out.failed = { step = i, op = step.op, message = tostring(value) }
      break
    end
  end
  out.publish_count = publish_count
  out.nvim_version = vim.version()
  vim.fn.writefile({ vim.fn.json_encode(out) }, spec.out)
  vim.cmd('qa!')
end

-- After start-up, and outside the VimEnter autocommand: autocommands do not nest, and the
-- FileType of each opened file must start the client as it does for a user.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then
        vim.fn.writefile({ vim.fn.json_encode({ failed = { message = tostring(err) } }) }, spec.out)
        vim.cmd('qa!')
      end
    end)
  end,
})
