-- Headless check of the Corroborate language server with Neovim's built-in LSP client (0.7+).
-- Run from the fixture workspace (test/e2e/nvim.mjs does this on a temporary copy):
--   CORROBORATE_SERVER=/path/to/dist/server.js CORROBORATE_OUT=out.txt \
--     nvim --headless --noplugin -i NONE -u check.lua drafts/census.md
-- Writes one "ok"/"FAIL" line per check to CORROBORATE_OUT; exits 0 when all pass, 1 otherwise.
local server = assert(os.getenv('CORROBORATE_SERVER'), 'CORROBORATE_SERVER is not set')
local out = os.getenv('CORROBORATE_OUT') or 'nvim-check.txt'
local lines, failed, checks = {}, false, 0
local function emit(s) lines[#lines + 1] = s end
local function check(cond, what)
  checks = checks + 1
  emit((cond and 'ok   ' or 'FAIL ') .. what)
  if not cond then failed = true end
  return cond
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

--- 0-based line of the first buffer line containing `text`, and the column of `text` in it.
local function find(bufnr, text)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = l:find(text, 1, true)
    if col then return i - 1, col - 1 end
  end
  error('no line contains ' .. text)
end

local function finding(bufnr, code, line)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == code and d.lnum == line then return d end
  end
end

vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local ok, err = pcall(function()
    local bufnr = vim.api.nvim_get_current_buf()
    -- Neovim 0.7 has no vim.lsp.start(): start_client + buf_attach_client (see docs/editors.md).
    local id = vim.lsp.start_client({
      name = 'corroborate',
      cmd = { 'node', server, '--stdio' },
      root_dir = vim.fn.getcwd(),
      settings = { corroborate = { citation = { style = 'pandoc' } } },
    })
    vim.lsp.buf_attach_client(bufnr, id)
    local client = vim.lsp.get_client_by_id(id)

    -- Diagnostics: the conflicting figure, the unsupported claim, the unknown citation key.
    local figure_line = find(bufnr, 'counted 480')
    local lighthouse_line = find(bufnr, 'first lit in 1871')
    local key_line = find(bufnr, '@island-gazete')
    check(vim.wait(30000, function()
      return finding(bufnr, 'conflict.number', figure_line) and finding(bufnr, 'unsupported', lighthouse_line) and finding(bufnr, 'citation.unknown', key_line)
    end, 50), 'diagnostics arrived: conflict.number, unsupported, citation.unknown')
    local d = finding(bufnr, 'conflict.number', figure_line) or {}
    emit('diagnostic: ' .. tostring(d.message))
    check(d.severity == vim.diagnostic.severity.WARN and d.source == 'corroborate', 'the conflict is a warning from corroborate')
    check(type(d.message) == 'string' and d.message:find('412 (island-gazette)', 1, true) ~= nil, 'the conflict names the source value 412')

    -- Hover on the figure: the values of the sources and the quoted passage.
    local td = vim.lsp.util.make_text_document_params(bufnr)
    local _, col = find(bufnr, '480')
    local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = td, position = { line = figure_line, character = col + 1 } }, 10000)
    local hover = res and res[id] and res[id].result
    local text = hover and hover.contents and hover.contents.value or ''
    emit('hover: ' .. (text:gsub('\n.*', ' …')))
    check(text:find('**480** in the draft', 1, true) ~= nil and text:find('412', 1, true) ~= nil and text:find('about 400', 1, true) ~= nil, 'hover gives the values of the sources')
    check(text:find('counted 412 breeding pairs', 1, true) ~= nil, 'hover quotes the source')

    -- Code action, with the line's diagnostics as Neovim's own vim.lsp.buf.code_action() sends them.
    local range = { start = { line = figure_line, character = 0 }, ['end'] = { line = figure_line, character = #vim.api.nvim_buf_get_lines(bufnr, figure_line, figure_line + 1, false)[1] } }
    res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = td,
      range = range,
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, figure_line, {}, id) },
    }, 10000)
    local actions = res and res[id] and res[id].result or {}
    local titles, replace = {}, nil
    for _, a in ipairs(actions) do
      titles[#titles + 1] = a.title
      if a.title == 'Replace 480 with 412 (island-gazette)' then replace = a end
    end
    emit('code actions: ' .. table.concat(titles, ' | '))
    if check(replace ~= nil and replace.edit ~= nil, 'code action "Replace 480 with 412 (island-gazette)" offered') then
      vim.lsp.util.apply_workspace_edit(replace.edit, client.offset_encoding or 'utf-16')
      local line = vim.api.nvim_buf_get_lines(bufnr, figure_line, figure_line + 1, false)[1]
      check(line == 'The census counted 412 breeding pairs of puffins on Kessel Island.', 'the edit is applied: ' .. line)
      check(vim.wait(15000, function() return finding(bufnr, 'conflict.number', figure_line) == nil end, 50), 'the conflict is gone after the edit')
      check(finding(bufnr, 'unsupported', lighthouse_line) ~= nil, 'the other findings stay')
    end
    vim.lsp.stop_client(id)
  end)
  if not ok then
    emit('ERROR ' .. tostring(err))
    failed = true
  end
  emit(string.format('checks: %d', checks))
  local f = assert(io.open(out, 'w'))
  f:write(table.concat(lines, '\n') .. '\n')
  f:close()
  vim.cmd(failed and 'cquit 1' or 'qall!')
end })
