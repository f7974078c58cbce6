-- Neovim end-to-end test of skill-lsp through the plugin in editors/nvim.
--
--   nvim --clean --headless -l tests/editors/nvim/e2e.lua
--
-- Environment: SKILL_LSP_BIN (default <repo>/target/debug/skill-lsp), E2E_KEEP=1 keeps the
-- scratch folder, E2E_VERBOSE=1 prints the server log at the end.
--
-- It starts the loopback fake agent (tests/editors/fake_agent.py), makes a scratch workspace with
-- a Python file that swallows exceptions, enables the `skill_lsp` config from editors/nvim with a
-- test skill (tests/editors/fixtures/skills) and the fake agent as an OpenAI-compatible endpoint,
-- and checks, as a user would see them: attach, tip diagnostics, hover (request and floating
-- window), the code action list, an agent rewrite through a code action (with LspProgress
-- begin/report/end), :SkillLspAsk on a selection (exact buffer text), an explain action opening
-- a markdown document, cancelling a slow request, :SkillLspSkills, :SkillLspReload and
-- :checkhealth skill_lsp. Every check prints one line; the last line is "N passed, N failed".
-- Exits non-zero (cquit) when any check fails.

local uv = vim.uv
local script = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fs.normalize(vim.fn.fnamemodify(script, ':p:h:h:h:h'))
local bin = os.getenv('SKILL_LSP_BIN') or (repo .. '/target/debug/skill-lsp')
if not bin:match('^/') then
  bin = repo .. '/' .. bin
end

local WAIT = tonumber(os.getenv('E2E_WAIT_MS') or '') or 15000
local SKILL = 'e2e-python-errors'
local TIP = SKILL .. '/blind-except'
local SECTION = 'Never swallow exceptions'

local passed, failed, failures = 0, 0, {}

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

--- Runs one named check; an error inside marks it failed with the message and goes on.
local function check(name, fn)
  local t0 = uv.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  local ms = math.floor((uv.hrtime() - t0) / 1e6)
  if ok then
    passed = passed + 1
    out(('ok   - %s (%d ms)'):format(name, ms))
  else
    failed = failed + 1
    local first = tostring(err):match('^[^\n]*')
    failures[#failures + 1] = name .. ': ' .. first
    out(('FAIL - %s (%d ms): %s'):format(name, ms, tostring(err)))
  end
  return ok
end

--- Waits for `cond`; on timeout fails with `what` and, when given, what `detail()` says.
-- Editor messages (vim.notify from the LSP client and the plugin) on their own indented lines, so
-- they never run into the result lines.
vim.notify = function(msg, level)
  out(('     notify[%s]: %s'):format(tostring(level or ''), tostring(msg):gsub('\n', ' | ')))
end

local function wait_for(what, cond, ms, detail)
  local ok = vim.wait(ms or WAIT, cond, 20)
  if not ok then
    error('timed out waiting for ' .. what .. (detail and (': ' .. detail()) or ''), 2)
  end
end

local function buf_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function read_file(path)
  local f = io.open(path, 'r')
  if not f then
    return ''
  end
  local s = f:read('*a')
  f:close()
  return s
end

local function write_file(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

-- ---------------------------------------------------------------------------------------------
-- Scratch workspace, fake agent, environment

local tmp = assert(uv.fs_mkdtemp((os.getenv('TMPDIR') or '/tmp') .. '/skill-lsp-nvim-e2e-XXXXXX'))
local ws = tmp .. '/ws'
vim.fn.mkdir(ws .. '/.git', 'p')
vim.fn.mkdir(tmp .. '/home', 'p')
vim.fn.mkdir(tmp .. '/config', 'p')

local ORIGINAL = table.concat({
  'import json',
  '',
  '',
  'class LoadError(Exception):',
  '    pass',
  '',
  '',
  'def load(path):',
  '    try:',
  '        with open(path) as f:',
  '            return json.load(f)',
  '    except Exception:',
  '        pass',
  '',
  '',
  'if __name__ == "__main__":',
  '    print(load("data.json"))',
  '',
}, '\n')
local EXCEPT_LINE = 11 -- 0-based line of `    except Exception:`
local FUNC_FIRST, FUNC_LAST = 8, 13 -- 1-based lines of `def load` .. `pass`

local REWRITTEN_FUNC = table.concat({
  'def load(path):',
  '    try:',
  '        with open(path) as f:',
  '            return json.load(f)',
  '    except (OSError, json.JSONDecodeError) as exc:',
  '        raise LoadError(path) from exc',
  '',
}, '\n')
-- :SkillLspAsk on lines 8..13 replaces exactly those lines with the fake agent's code block.
local function expected_after_ask()
  local lines = vim.split(ORIGINAL, '\n', { plain = true })
  local head = table.concat(vim.list_slice(lines, 1, FUNC_FIRST - 1), '\n') .. '\n'
  local tail = table.concat(vim.list_slice(lines, FUNC_LAST + 1), '\n')
  return head .. REWRITTEN_FUNC .. tail
end
local EXPECTED_ASK = expected_after_ask()
assert(EXPECTED_ASK:find('pass\n\n\ndef load', 1, true) and EXPECTED_ASK:find('from exc\n\n\nif __name__', 1, true))

local file = ws .. '/app/loader.py'
write_file(file, ORIGINAL)

local agent_log = tmp .. '/fake-agent.jsonl'
local server_log = tmp .. '/server.log'
local port
local fake_stderr = {}
local fake = vim.system({
  'python3',
  repo .. '/tests/editors/fake_agent.py',
  '--log',
  agent_log,
  '--max-seconds',
  '300',
}, {
  stdout = function(_, data)
    local p = data and data:match('PORT (%d+)')
    if p then
      port = tonumber(p)
    end
  end,
  stderr = function(_, data)
    if data then
      fake_stderr[#fake_stderr + 1] = data
    end
  end,
})

local function agent_events(kind)
  local events = {}
  for line in read_file(agent_log):gmatch('[^\n]+') do
    local ok, ev = pcall(vim.json.decode, line)
    if ok and (kind == nil or ev.event == kind) then
      events[#events + 1] = ev
    end
  end
  return events
end

local function finish()
  if os.getenv('E2E_VERBOSE') == '1' or failed > 0 then
    out('---- server log (' .. server_log .. ') tail ----')
    local log = read_file(server_log)
    out(log:sub(-6000))
    out('---- end of server log ----')
  end
  for _, c in ipairs(vim.lsp.get_clients({ name = 'skill_lsp' })) do
    c:stop(true)
  end
  pcall(function()
    fake:kill(15)
  end)
  if os.getenv('E2E_KEEP') ~= '1' then
    vim.fn.delete(tmp, 'rf')
  else
    out('kept ' .. tmp)
  end
  out(('nvim e2e: %d passed, %d failed'):format(passed, failed))
  out(('%d passed, %d failed'):format(passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

-- Record every LspProgress event of our client, in order.
local progress = {}
vim.api.nvim_create_autocmd('LspProgress', {
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == 'skill_lsp' then
      local p = args.data.params or {}
      local v = p.value or {}
      progress[#progress + 1] = {
        token = p.token,
        kind = v.kind,
        title = v.title,
        message = v.message,
        percentage = v.percentage,
        cancellable = v.cancellable,
      }
    end
  end,
})

--- Progress events since index `from` grouped by token: returns the token that has a begin.
local function progress_since(from)
  local by_token, order = {}, {}
  for i = from + 1, #progress do
    local e = progress[i]
    local key = tostring(e.token)
    if not by_token[key] then
      by_token[key] = {}
      order[#order + 1] = key
    end
    table.insert(by_token[key], e)
  end
  return by_token, order
end

local function assert_progress_cycle(from, label)
  local by_token, order = progress_since(from)
  for _, key in ipairs(order) do
    local evs = by_token[key]
    if evs[1].kind == 'begin' and evs[#evs].kind == 'end' then
      local reports = 0
      for i = 2, #evs - 1 do
        assert(evs[i].kind == 'report', label .. ': unexpected progress kind ' .. tostring(evs[i].kind))
        reports = reports + 1
      end
      assert(reports >= 1, label .. ': progress ' .. key .. ' had begin and end but no report')
      return evs
    end
  end
  error(label .. ': no progress token with begin ... end; saw ' .. vim.inspect(progress_since(from)))
end

-- ---------------------------------------------------------------------------------------------
-- The checks

local buf, client

local ok_start = check('fake agent server started on loopback', function()
  wait_for('the fake agent to print its port', function()
    return port ~= nil
  end, 10000)
end)
if not ok_start then
  out(table.concat(fake_stderr))
  return finish()
end

vim.opt.rtp:prepend(repo .. '/editors/nvim')
-- Progress in the command line is checked on a real screen (screen.py); headless it would only
-- interleave with these result lines.
vim.g.skill_lsp_progress = false
vim.cmd('runtime! plugin/skill_lsp.lua')

local settings = {
  logLevel = 'debug',
  logFile = server_log,
  skills = { builtin = false, userFolders = false, paths = { repo .. '/tests/editors/fixtures/skills' } },
  tips = { debounceMs = 50 },
  agent = {
    provider = 'openai',
    endpoint = ('http://127.0.0.1:%d/v1'):format(port),
    model = 'fake-model',
    retries = 0,
    timeoutSecs = 60,
  },
}

local attached = check('client attaches (vim.lsp.enable with editors/nvim/lsp/skill_lsp.lua)', function()
  assert(vim.fn.executable(bin) == 1, 'server binary not executable: ' .. bin)
  assert(#vim.api.nvim_get_runtime_file('lsp/skill_lsp.lua', false) > 0, 'lsp/skill_lsp.lua not on runtimepath')
  vim.lsp.config('skill_lsp', {
    cmd = { bin, 'serve' },
    cmd_env = { HOME = tmp .. '/home', XDG_CONFIG_HOME = tmp .. '/config' },
    settings = { skillLsp = settings },
  })
  -- The config from lsp/skill_lsp.lua must still be there under our overrides.
  local resolved = vim.lsp.config['skill_lsp']
  assert(resolved.root_markers and vim.tbl_contains(resolved.root_markers, '.git'), 'root_markers not from lsp/skill_lsp.lua')
  vim.lsp.enable('skill_lsp')
  vim.cmd.edit(vim.fn.fnameescape(file))
  buf = vim.api.nvim_get_current_buf()
  assert(vim.bo[buf].filetype == 'python', 'filetype is ' .. vim.bo[buf].filetype)
  wait_for('the skill_lsp client to initialize', function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'skill_lsp' })[1]
    return client ~= nil and client.initialized == true
  end)
  assert(vim.fs.normalize(client.root_dir or '') == vim.fs.normalize(ws), 'root_dir ' .. tostring(client.root_dir))
  assert(vim.fn.exists(':SkillLspAsk') == 2, ':SkillLspAsk was not created on attach')
  assert(vim.fn.exists(':SkillLspSkills') == 2, ':SkillLspSkills was not created on attach')
  assert(vim.fn.exists(':SkillLspReload') == 2, ':SkillLspReload was not created on attach')
end)
if not attached then
  return finish()
end

check('root: a nested AGENTS.md inside the repository does not become the root (.git first)', function()
  write_file(ws .. '/backend/AGENTS.md', '# Backend\n\nUse the service layer.\n')
  write_file(ws .. '/backend/api.py', 'def handler():\n    return 1\n')
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/backend/api.py'))
  local b = vim.api.nvim_get_current_buf()
  local c
  wait_for('the client on backend/api.py', function()
    c = vim.lsp.get_clients({ bufnr = b, name = 'skill_lsp' })[1]
    return c ~= nil
  end)
  assert(vim.fs.normalize(c.root_dir or '') == vim.fs.normalize(ws), 'root_dir ' .. tostring(c.root_dir))
  assert(c.id == client.id, 'one client for the repository, not one per AGENTS.md folder')
  assert(require('skill_lsp').root(b) == ws, 'M.root: ' .. tostring(require('skill_lsp').root(b)))
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('bwipeout! ' .. b)
end)

check('no attach to skill-lsp cache files or scratch buffers', function()
  local sl = require('skill_lsp')
  local cache = sl.cache_dir()
  write_file(cache .. '/prompts/loader-prompt.md', '# prompt\n')
  vim.cmd.edit(vim.fn.fnameescape(cache .. '/prompts/loader-prompt.md'))
  local b = vim.api.nvim_get_current_buf()
  vim.wait(400)
  assert(#vim.lsp.get_clients({ bufnr = b, name = 'skill_lsp' }) == 0, 'attached to ' .. vim.api.nvim_buf_get_name(b))
  assert(sl.should_attach(b) == false)
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('bwipeout! ' .. b)
  local scratch = vim.api.nvim_create_buf(false, true)
  assert(sl.should_attach(scratch) == false, 'a scratch buffer')
  assert(sl.should_attach(buf) == true, 'the source file')
end)

check('no root: a file outside any marker is served alone, its folder is not walked', function()
  -- A large folder with a nested CLAUDE.md: a walk of the folder (or of the working folder)
  -- would load it as a workspace skill for deep/.
  local big = vim.fn.tempname() .. '-noroot'
  assert(vim.fs.root(big .. '/x', { '.git', '.skill-lsp.yaml', 'AGENTS.md', 'CLAUDE.md', '.github', '.cursor', '.claude' }) == nil,
    'the scratch folder is inside a marker')
  for i = 1, 300 do
    write_file(('%s/deep/pkg%d/mod.py'):format(big, i), 'x = 1\n')
  end
  write_file(big .. '/deep/CLAUDE.md', '# Deep\n\nNOROOT-DEEP-GUIDANCE: never load me from a walk.\n')
  write_file(big .. '/lone.py', 'def lone():\n    return 1\n')
  local cwd = vim.fn.getcwd()
  vim.cmd.cd(vim.fn.fnameescape(big))
  vim.cmd.edit(vim.fn.fnameescape(big .. '/lone.py'))
  local b = vim.api.nvim_get_current_buf()
  local c
  wait_for('a client on lone.py', function()
    c = vim.lsp.get_clients({ bufnr = b, name = 'skill_lsp' })[1]
    return c ~= nil and c.initialized
  end)
  assert(c.root_dir == nil, 'root_dir ' .. tostring(c.root_dir))
  assert(c.id ~= client.id, 'the repository client took a file outside it')
  assert(c.workspace_folders == nil or #c.workspace_folders == 0, 'workspace folders ' .. vim.inspect(c.workspace_folders))
  local res = c:request_sync('workspace/executeCommand', {
    command = 'skill-lsp.skillsForFile',
    arguments = { vim.uri_from_fname(big .. '/deep/pkg1/mod.py') },
  }, 10000, b)
  assert(res and not res.err, 'skillsForFile: ' .. vim.inspect(res))
  for _, s in ipairs(res.result or {}) do
    assert(not tostring(s.path or ''):find('/deep/CLAUDE.md', 1, true), 'loaded from a walk: ' .. vim.inspect(s))
  end
  local reload = c:request_sync('workspace/executeCommand', { command = 'skill-lsp.reload', arguments = {} }, 10000, b)
  assert(reload and reload.result, 'reload: ' .. vim.inspect(reload))
  local again = c:request_sync('workspace/executeCommand', {
    command = 'skill-lsp.skillsForFile',
    arguments = { vim.uri_from_fname(big .. '/deep/pkg1/mod.py') },
  }, 10000, b)
  for _, s in ipairs((again or {}).result or {}) do
    assert(not tostring(s.path or ''):find('/deep/CLAUDE.md', 1, true), 'loaded after reload: ' .. vim.inspect(s))
  end
  vim.cmd.cd(vim.fn.fnameescape(cwd))
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('bwipeout! ' .. b)
  c:stop(true)
end)

local function tip_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'skill-lsp' and d.code == TIP then
      found[#found + 1] = d
    end
  end
  return found
end

local diag
check('tip diagnostics appear (source skill-lsp, code ' .. TIP .. ')', function()
  wait_for('a ' .. TIP .. ' diagnostic', function()
    return #tip_diagnostics() > 0
  end)
  local found = tip_diagnostics()
  assert(#found == 1, ('expected 1 %s diagnostic, got %d'):format(TIP, #found))
  diag = found[1]
  assert(diag.lnum == EXCEPT_LINE, ('diagnostic on line %d, expected %d'):format(diag.lnum, EXCEPT_LINE))
  assert(diag.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(diag.severity))
  assert(diag.message:find('Blanket except', 1, true), 'message: ' .. diag.message)
end)

local function hover_text(result)
  local c = result and result.contents
  if type(c) == 'string' then
    return c
  elseif type(c) == 'table' and c.value then
    return c.value
  elseif type(c) == 'table' then
    local parts = {}
    for _, p in ipairs(c) do
      parts[#parts + 1] = type(p) == 'string' and p or p.value
    end
    return table.concat(parts, '\n')
  end
  return ''
end

check('hover on the tip shows the skill name, section and text', function()
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = EXCEPT_LINE, character = 6 },
  }
  local res, err = client:request_sync('textDocument/hover', params, WAIT, buf)
  assert(res and not res.err, 'hover failed: ' .. vim.inspect(err or (res and res.err)))
  local text = hover_text(res.result)
  assert(text:find(SKILL, 1, true), 'hover lacks the skill name: ' .. text)
  assert(text:find(SECTION, 1, true), 'hover lacks the section title: ' .. text)
  assert(text:find('keep the cause', 1, true) or text:find('KeyboardInterrupt', 1, true), 'hover lacks the skill text: ' .. text)
end)

check('vim.lsp.buf.hover() opens a floating window with the tip', function()
  vim.api.nvim_win_set_cursor(0, { EXCEPT_LINE + 1, 6 })
  vim.lsp.buf.hover()
  local float_text
  wait_for('a hover float', function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        float_text = buf_text(vim.api.nvim_win_get_buf(win))
        return true
      end
    end
    return false
  end)
  assert(float_text:find(SECTION, 1, true), 'float lacks the section title: ' .. float_text)
  -- Close the float (moving the cursor closes it; do it explicitly to be sure).
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      vim.api.nvim_win_close(win, true)
    end
  end
end)

--- Code actions at `range` (default: the cursor on the tip), with the tip diagnostics as context.
local function code_actions(range)
  local lsp_diags = {}
  for _, d in ipairs(tip_diagnostics()) do
    lsp_diags[#lsp_diags + 1] = d.user_data and d.user_data.lsp or nil
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range or {
      start = { line = EXCEPT_LINE, character = 4 },
      ['end'] = { line = EXCEPT_LINE, character = 4 },
    },
    context = { diagnostics = lsp_diags, triggerKind = 1 },
  }
  local res = client:request_sync('textDocument/codeAction', params, WAIT, buf)
  assert(res and not res.err, 'codeAction failed: ' .. vim.inspect(res and res.err))
  return res.result or {}
end

local function titles_of(actions)
  local t = {}
  for _, a in ipairs(actions) do
    t[#t + 1] = a.title
  end
  return t
end

local function has_title(titles, prefix)
  for _, t in ipairs(titles) do
    if t:sub(1, #prefix) == prefix then
      return t
    end
  end
end

check('code actions on the tip include the agent and tip actions', function()
  local titles = titles_of(code_actions())
  local missing = {}
  for _, prefix in ipairs({
    'Ask agent: fix',
    'Ask agent: explain with skills',
    'Ask agent: review this file with skills',
    'Show skill: ',
    'Ignore this tip here',
    'Turn off this tip in this workspace',
  }) do
    if not has_title(titles, prefix) then
      missing[#missing + 1] = prefix
    end
  end
  assert(#missing == 0, 'missing: ' .. table.concat(missing, ' | ') .. '; got: ' .. table.concat(titles, ' | '))
end)

check('code actions on a selection include "Ask agent: apply ' .. SKILL .. '"', function()
  local titles = titles_of(code_actions({
    start = { line = FUNC_FIRST - 1, character = 0 },
    ['end'] = { line = FUNC_LAST, character = 0 },
  }))
  assert(has_title(titles, 'Ask agent: apply ' .. SKILL), 'got: ' .. table.concat(titles, ' | '))
end)

--- Runs a code action through the real Neovim UI path (vim.lsp.buf.code_action with apply), at
--- the tip or on `range` ({ start = { row, col }, ['end'] = { row, col } }, rows 1-based).
local function run_code_action(prefix, range)
  vim.api.nvim_win_set_cursor(0, { EXCEPT_LINE + 1, 4 })
  local seen
  vim.lsp.buf.code_action({
    apply = true,
    range = range,
    filter = function(action)
      if action.title:sub(1, #prefix) == prefix and not seen then
        seen = action.title
        return true
      end
      return false
    end,
  })
  return function()
    return seen
  end
end

--- The original file with `except Exception:` (and, when `with_body`, the `pass` under it)
--- rewritten the way the fake agent rewrites whatever selection it is given.
local function fixed_original(with_body)
  local lines = vim.split(ORIGINAL, '\n', { plain = true })
  lines[EXCEPT_LINE + 1] = '    except (OSError, json.JSONDecodeError) as exc:'
  if with_body then
    lines[EXCEPT_LINE + 2] = '        raise LoadError(path) from exc'
  end
  return table.concat(lines, '\n')
end

--- Fails unless `text` parses as Python (python3's ast).
local function assert_python(text)
  local res = vim.system({ 'python3', '-c', 'import ast, sys; ast.parse(sys.stdin.read())' }, { stdin = text }):wait()
  assert(res.code == 0, 'the buffer is not valid Python:\n' .. text .. '\n' .. (res.stderr or ''))
end

check('"Ask agent: fix" rewrites the buffer through the fake agent, with LspProgress begin/report/end', function()
  local from = #progress
  local requests_before = #agent_events('request')
  local chosen = run_code_action('Ask agent: fix')
  wait_for('the buffer to change', function()
    return not buf_text(buf):find('except Exception:', 1, true)
  end, nil, function()
    return 'buffer is now:\n' .. buf_text(buf)
  end)
  assert(chosen(), 'no "Ask agent: fix" action was offered')
  assert(#agent_events('request') > requests_before, 'the fake agent got no request')
  wait_for('progress end', function()
    local by_token = progress_since(from)
    for _, evs in pairs(by_token) do
      if evs[#evs].kind == 'end' then
        return true
      end
    end
    return false
  end)
  assert_progress_cycle(from, 'fix')
  local text = buf_text(buf)
  assert_python(text)
  -- The fake agent fixes exactly the selection it gets: whatever range the server chose for the
  -- fix, the result is the original with the except line (and its `pass` if selected) fixed.
  if text == fixed_original(true) then
    return
  end
  assert(text == fixed_original(false), 'unexpected buffer after the fix:\n' .. text)
  out('     note: the fix action selected only the except line, so `pass` stays (the cause is not kept)')
end)

-- Back to the file on disk for the next checks.
vim.cmd('edit!')

check(':SkillLspAsk on a selection replaces exactly those lines (instruction and skill reach the agent)', function()
  wait_for('the diagnostic to come back after edit!', function()
    return #tip_diagnostics() == 1
  end)
  local from = #progress
  local n = #agent_events('request')
  vim.cmd(('%d,%dSkillLspAsk Keep the cause when you re-raise'):format(FUNC_FIRST, FUNC_LAST))
  wait_for('the buffer to be rewritten', function()
    return buf_text(buf) == EXPECTED_ASK
  end, nil, function()
    return 'buffer is now:\n' .. buf_text(buf)
  end)
  wait_for('progress end', function()
    return #progress > from and progress[#progress].kind == 'end'
  end)
  assert_progress_cycle(from, 'ask')
  local reqs = agent_events('request')
  assert(#reqs > n, 'no new request reached the fake agent')
  local body = vim.json.encode(reqs[#reqs].body)
  assert(body:find('Keep the cause when you re-raise', 1, true), 'the instruction is not in the prompt')
  assert(body:find('Never swallow exceptions', 1, true) or body:find(SKILL, 1, true), 'the skill is not in the prompt')
  assert(body:find('except Exception:', 1, true), 'the selected code is not in the prompt')
  assert(reqs[#reqs].body.stream == true, 'the request did not ask for streaming')
end)

vim.cmd('edit!')

check('"Ask agent: apply ' .. SKILL .. '" on a selection rewrites exactly the selection', function()
  wait_for('the diagnostic after edit!', function()
    return #tip_diagnostics() == 1
  end)
  local from = #progress
  local last = vim.api.nvim_buf_get_lines(buf, FUNC_LAST - 1, FUNC_LAST, false)[1]
  local chosen = run_code_action('Ask agent: apply ' .. SKILL, { start = { FUNC_FIRST, 0 }, ['end'] = { FUNC_LAST, #last } })
  wait_for('the buffer to be rewritten', function()
    return buf_text(buf) == EXPECTED_ASK
  end, nil, function()
    return 'buffer is now:\n' .. buf_text(buf)
  end)
  assert(chosen(), 'no apply action was offered')
  wait_for('progress end', function()
    return #progress > from and progress[#progress].kind == 'end'
  end)
  assert_progress_cycle(from, 'apply')
end)

vim.cmd('edit!')

check('"Ask agent: explain with skills" opens a markdown document with the reply', function()
  wait_for('the diagnostic after edit!', function()
    return #tip_diagnostics() == 1
  end)
  local from = #progress
  local before = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    before[b] = true
  end
  local chosen = run_code_action('Ask agent: explain with skills')
  local doc
  wait_for('a markdown document with the agent reply', function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if not before[b] and vim.api.nvim_buf_is_loaded(b) then
        local name = vim.api.nvim_buf_get_name(b)
        if name:match('%.md$') or vim.bo[b].filetype == 'markdown' then
          if buf_text(b):find('FAKE-AGENT-REPLY', 1, true) then
            doc = b
            return true
          end
        end
      end
    end
    return false
  end)
  assert(chosen(), 'no explain action was offered')
  assert(buf_text(buf) == ORIGINAL, 'explain changed the source buffer')
  wait_for('progress end', function()
    return #progress > from and progress[#progress].kind == 'end'
  end)
  assert_progress_cycle(from, 'explain')
  assert(doc ~= nil)
  -- The answer lives in skill-lsp's cache folder: the client does not attach to it.
  vim.wait(300)
  local on_doc = vim.lsp.get_clients({ bufnr = doc, name = 'skill_lsp' })
  assert(#on_doc == 0, 'the client attached to its own answer file ' .. vim.api.nvim_buf_get_name(doc))
  -- Back to the source file for the next checks.
  vim.api.nvim_set_current_buf(buf)
end)

check(':SkillLspExplain without a selection asks what to explain (block around the cursor or the buffer)', function()
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_win_set_cursor(0, { EXCEPT_LINE + 1, 4 })
  local offered, msgs = nil, {}
  local orig_select, orig_notify = vim.ui.select, vim.notify
  vim.ui.select = function(items, opts, on_choice)
    offered = vim.tbl_map(opts.format_item, items)
    on_choice(items[1], 1)
  end
  vim.notify = function(msg, level)
    msgs[#msgs + 1] = tostring(msg)
    orig_notify(msg, level)
  end
  local requests_before = #agent_events('request')
  local ok, err = pcall(function()
    vim.cmd('SkillLspExplain')
    wait_for('the explain to end with a message', function()
      for _, m in ipairs(msgs) do
        if m:find('explain done', 1, true) then
          return true
        end
      end
      return false
    end, nil, function()
      return vim.inspect(msgs)
    end)
  end)
  vim.ui.select, vim.notify = orig_select, orig_notify
  assert(ok, err)
  assert(offered and #offered == 2, 'choices: ' .. vim.inspect(offered))
  assert(offered[1]:find(('lines %d%%-%d'):format(FUNC_FIRST, FUNC_LAST)), 'block choice: ' .. vim.inspect(offered))
  assert(offered[2]:find('whole buffer', 1, true), vim.inspect(offered))
  -- The agent got the block, not the whole file.
  local reqs = agent_events('request')
  assert(#reqs > requests_before, 'no agent request')
  local body = vim.json.encode(reqs[#reqs].body)
  assert(body:find('def load', 1, true) and not body:find('print(load', 1, true) or body:find('Selected code', 1, true),
    'request: ' .. body:sub(1, 400))
  vim.api.nvim_set_current_buf(buf)
end)

check('cancelling a slow agent request ends its progress, closes the connection and leaves the buffer', function()
  vim.api.nvim_set_current_buf(buf)
  local from = #progress
  local aborted_before = #agent_events('aborted')
  local requests_before = #agent_events('request')
  local returned = false
  require('skill_lsp').ask({
    bufnr = buf,
    range = require('skill_lsp').range(buf, client, { range = 2, line1 = FUNC_FIRST, line2 = FUNC_LAST }),
    instruction = '[[fake:slow]] take your time',
    mode = 'rewrite',
    on_result = function()
      returned = true
    end,
  })
  -- Wait until the agent is streaming (a request arrived and a progress began) before cancelling.
  wait_for('the slow request to start streaming', function()
    return #agent_events('request') > requests_before and progress_since(from) ~= nil and (function()
      for i = from + 1, #progress do
        if progress[i].kind == 'begin' then
          return true
        end
      end
      return false
    end)()
  end)
  vim.wait(600) -- a few slow chunks
  local begin
  for i = from + 1, #progress do
    if progress[i].kind == 'begin' then
      begin = progress[i]
    end
  end
  assert(begin.cancellable == true, 'the progress is not cancellable')
  local n = require('skill_lsp').cancel(buf)
  assert(n >= 1, ':SkillLspCancel found no running progress to cancel')
  local t0 = uv.hrtime()
  wait_for('progress end after cancel', function()
    for i = from + 1, #progress do
      if progress[i].token == begin.token and progress[i].kind == 'end' then
        return true
      end
    end
    return false
  end, 10000)
  wait_for('the fake agent to see the connection dropped', function()
    return #agent_events('aborted') > aborted_before
  end, 10000)
  local ms = (uv.hrtime() - t0) / 1e6
  out(('     cancel: progress end and dropped connection within %.0f ms'):format(ms))
  wait_for('the executeCommand reply', function()
    return returned
  end, 10000)
  assert(buf_text(buf) == ORIGINAL, 'the buffer changed after cancel:\n' .. buf_text(buf))
end)

check(':SkillLspSkills lists the skill with reasons and opens it', function()
  vim.api.nvim_set_current_buf(buf)
  local orig_select = vim.ui.select
  local items, formatted
  vim.ui.select = function(list, opts, on_choice)
    items = list
    formatted = opts.format_item(list[1])
    for _, it in ipairs(list) do
      if it.name == SKILL then
        return on_choice(it)
      end
    end
    on_choice(nil)
  end
  vim.cmd('SkillLspSkills')
  wait_for('the skill list', function()
    return items ~= nil
  end)
  vim.ui.select = orig_select
  local mine
  for _, it in ipairs(items) do
    if it.name == SKILL then
      mine = it
    end
  end
  assert(mine, 'skill not listed: ' .. vim.inspect(items))
  assert(type(mine.reasons) == 'table' and #mine.reasons > 0, 'no reasons: ' .. vim.inspect(mine))
  assert(formatted and formatted ~= '', 'empty format_item')
  wait_for('the skill file to open', function()
    return vim.api.nvim_buf_get_name(0):match('SKILL%.md$') ~= nil
  end)
  vim.api.nvim_set_current_buf(buf)
end)

check(':SkillLspReload reloads without error and diagnostics survive', function()
  vim.api.nvim_set_current_buf(buf)
  local msgs = {}
  local orig = vim.notify
  vim.notify = function(msg, level)
    msgs[#msgs + 1] = { msg = msg, level = level }
  end
  vim.cmd('SkillLspReload')
  wait_for('the reload notification', function()
    return #msgs > 0
  end)
  vim.notify = orig
  assert(msgs[1].msg:find('reloaded', 1, true), 'unexpected: ' .. vim.inspect(msgs))
  -- An edit after the reload still produces the tip.
  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { 'try:', '    pass', 'except Exception:', '    pass' })
  wait_for('two tip diagnostics after the edit', function()
    return #tip_diagnostics() == 2
  end)
  vim.cmd('edit!')
end)

check('a settings change (tips.overrides off) applies without a restart, and back', function()
  vim.api.nvim_set_current_buf(buf)
  wait_for('the tip diagnostic', function()
    return #tip_diagnostics() == 1
  end)
  local function push(overrides)
    client.settings.skillLsp.tips.overrides = overrides
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  end
  push({ [TIP] = 'off' })
  wait_for('the diagnostic to go away', function()
    return #tip_diagnostics() == 0
  end)
  push(vim.empty_dict())
  wait_for('the diagnostic to come back', function()
    return #tip_diagnostics() == 1
  end)
end)

check(':SkillLspAsk with agent provider "none" says how to configure one and asks for nothing', function()
  vim.api.nvim_set_current_buf(buf)
  local saved = vim.deepcopy(client.settings.skillLsp.agent or vim.empty_dict())
  local msgs, asked = {}, {}
  local orig_input, orig_select, orig_notify = vim.ui.input, vim.ui.select, vim.notify
  vim.ui.input = function(opts)
    asked[#asked + 1] = 'input: ' .. tostring(opts and opts.prompt)
  end
  vim.ui.select = function(_, opts)
    asked[#asked + 1] = 'select: ' .. tostring(opts and opts.prompt)
  end
  vim.notify = function(msg, level)
    msgs[#msgs + 1] = tostring(msg)
    orig_notify(msg, level)
  end
  local requests_before = #agent_events('request')
  local ok, err = pcall(function()
    client.settings.skillLsp.agent = vim.tbl_extend('force', saved, { provider = 'none' })
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    -- At once: the check reads the settings afresh, whatever the notification's pull is doing.
    vim.cmd('SkillLspAsk')
    wait_for('the no-agent message', function()
      for _, m in ipairs(msgs) do
        if m:find('`agent.provider` is `none`', 1, true) and m:find('configure one', 1, true) then
          return true
        end
      end
      return false
    end, nil, function()
      return vim.inspect(msgs)
    end)
  end)
  vim.ui.input, vim.ui.select, vim.notify = orig_input, orig_select, orig_notify
  client.settings.skillLsp.agent = saved
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  assert(ok, err)
  assert(#asked == 0, 'asked although there is no agent: ' .. vim.inspect(asked))
  assert(#agent_events('request') == requests_before, 'a request reached the agent')
  for _, m in ipairs(msgs) do
    assert(not m:find('no agent: no agent', 1, true), 'said twice: ' .. m)
  end
end)

check('"Ignore this tip here" adds an ignore comment and the diagnostic goes away', function()
  vim.api.nvim_set_current_buf(buf)
  wait_for('the tip diagnostic', function()
    return #tip_diagnostics() == 1
  end)
  local chosen = run_code_action('Ignore this tip here')
  wait_for('the ignore comment', function()
    return buf_text(buf):find('skill-lsp: ignore', 1, true) ~= nil
  end, nil, function()
    return 'buffer is now:\n' .. buf_text(buf)
  end)
  assert(chosen(), 'no ignore action was offered')
  assert_python(buf_text(buf))
  wait_for('the diagnostic to go away', function()
    return #tip_diagnostics() == 0
  end)
  vim.cmd('edit!')
end)

check('"Turn off this tip in this workspace" writes the workspace settings and the diagnostic goes away', function()
  vim.api.nvim_set_current_buf(buf)
  wait_for('the tip diagnostic', function()
    return #tip_diagnostics() == 1
  end)
  local chosen = run_code_action('Turn off this tip in this workspace')
  wait_for('.skill-lsp.yaml to name the tip', function()
    return read_file(ws .. '/.skill-lsp.yaml'):find(TIP, 1, true) ~= nil
  end)
  assert(chosen(), 'no turn-off action was offered')
  -- The server wrote the file itself, so it must not need a file watcher to notice (Neovim on
  -- Linux does not offer workspace/didChangeWatchedFiles unless inotifywait is installed).
  wait_for('the diagnostic to go away', function()
    return #tip_diagnostics() == 0
  end, nil, function()
    return '.skill-lsp.yaml is:\n' .. read_file(ws .. '/.skill-lsp.yaml')
  end)
  assert(buf_text(buf) == ORIGINAL, 'the source changed')
end)

check(':checkhealth skill_lsp runs doctor for the buffer the user came from: the agent in use, and it answers', function()
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('silent checkhealth skill_lsp')
  local text = buf_text(vim.api.nvim_get_current_buf())
  assert(text:find('skill-lsp: server binary', 1, true), 'no binary section:\n' .. text)
  assert(not text:find('ERROR', 1, true), 'health has errors:\n' .. text)
  assert(text:find('client attached (id ' .. client.id, 1, true), 'not the source buffer:\n' .. text)
  assert(text:find(('agent in use: provider `openai`, model `fake-model`, endpoint http://127.0.0.1:%d/v1'):format(port), 1, true),
    'not the configured agent:\n' .. text)
  assert(text:find('agent answers', 1, true), 'no probe:\n' .. text)
  assert(text:find('found no problems', 1, true), text)
  vim.cmd('bwipeout')
end)

check(':checkhealth skill_lsp reports a failing doctor as an error', function()
  vim.api.nvim_set_current_buf(buf)
  local yaml = ws .. '/.skill-lsp.yaml'
  local saved = read_file(yaml)
  write_file(yaml, 'tips:\n  sevrity: warning\n')
  local ok, err = pcall(function()
    vim.cmd('silent checkhealth skill_lsp')
    local text = buf_text(vim.api.nvim_get_current_buf())
    assert(text:find('ERROR `skill-lsp doctor` failed (exit 1): 1 problem', 1, true), 'no doctor error:\n' .. text)
    assert(text:find('unknown setting `tips.sevrity`', 1, true), text)
    vim.cmd('bwipeout')
  end)
  write_file(yaml, saved)
  assert(ok, err)
end)

finish()
