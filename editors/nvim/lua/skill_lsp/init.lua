--- skill-lsp for Neovim: optional `setup()`, buffer commands and helpers.
---
--- Neovim 0.11+: `vim.lsp.enable('skill_lsp')` is enough (the config is `lsp/skill_lsp.lua`);
--- `require('skill_lsp').setup(opts)` does the same with your options merged in.
--- Neovim 0.10: `require('skill_lsp').setup(opts)` starts the server with `vim.lsp.start`.
---
--- See `:help skill-lsp`.
local M = {}

local NAME = 'skill_lsp'

local has_011 = vim.fn.has('nvim-0.11') == 1

--- Active progress tokens per client id: `{ [client_id] = { [token] = title } }`.
--- Filled from the built-in `LspProgress` event so `:SkillLspCancel` can cancel them.
M._progress = {}

local function notify(msg, level)
  vim.notify('skill-lsp: ' .. msg, level or vim.log.levels.INFO)
end

--- Calls a client method with the 0.11+ method syntax when available, else the 0.10 field syntax.
local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function client_notify(client, method, params)
  if has_011 then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- The skill-lsp client attached to `bufnr` (0 = current), or nil.
---@param bufnr? integer
---@return vim.lsp.Client?
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = NAME })[1]
end

local function need_client(bufnr)
  local client = M.client(bufnr)
  if not client then
    notify('no skill-lsp client attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

--- Runs `workspace/executeCommand` on the skill-lsp client of `bufnr`.
---@param bufnr integer
---@param command string
---@param arguments table
---@param on_result? fun(err: table?, result: any)
function M.execute(bufnr, command, arguments, on_result)
  local client = need_client(bufnr)
  if not client then
    return
  end
  request(client, 'workspace/executeCommand', { command = command, arguments = arguments }, function(err, result)
    if err then
      notify(command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    end
    if on_result then
      on_result(err, result)
    end
  end, bufnr)
end

--- The LSP range for a command: the visual selection when the command was given one
--- (whole lines, or exact columns for a characterwise selection), else the whole buffer.
--- Whole lines end at the start of the next line, so a rewrite replaces their line breaks too.
---@param bufnr integer
---@param client vim.lsp.Client
---@param cmd_opts? { range: integer, line1: integer, line2: integer }
---@return table range
function M.range(bufnr, client, cmd_opts)
  local count = vim.api.nvim_buf_line_count(bufnr)
  local line1, line2 = 1, count
  if cmd_opts and cmd_opts.range and cmd_opts.range > 0 then
    line1, line2 = cmd_opts.line1, cmd_opts.line2
    local vs = vim.api.nvim_buf_get_mark(bufnr, '<')
    local ve = vim.api.nvim_buf_get_mark(bufnr, '>')
    if vim.fn.visualmode() == 'v' and vs[1] == line1 and ve[1] == line2 then
      local last = vim.api.nvim_buf_get_lines(bufnr, line2 - 1, line2, false)[1] or ''
      ve = { ve[2] >= #last and line2 or ve[1], math.min(ve[2], math.max(#last - 1, 0)) }
      if #last > 0 then
        return vim.lsp.util.make_given_range_params(vs, ve, bufnr, client.offset_encoding).range
      end
    end
  end
  local function char(row, col)
    local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] or ''
    return vim.lsp.util.character_offset(bufnr, row, math.min(col, #line), client.offset_encoding)
  end
  local range = { start = { line = line1 - 1, character = 0 } }
  if line2 < count then
    range['end'] = { line = line2, character = 0 }
  else
    range['end'] = { line = line2 - 1, character = char(line2 - 1, math.huge) }
  end
  return range
end

--- Asks the agent about a range of the buffer (`skill-lsp.ask`).
---@param opts { bufnr?: integer, range?: table, instruction?: string, skills?: string[], mode?: 'rewrite'|'explain'|'review', command?: string, on_result?: fun(err: table?, result: any) }
function M.ask(opts)
  opts = opts or {}
  local bufnr = (opts.bufnr == nil or opts.bufnr == 0) and vim.api.nvim_get_current_buf() or opts.bufnr
  local client = need_client(bufnr)
  if not client then
    return
  end
  local arg = {
    uri = vim.uri_from_bufnr(bufnr),
    range = opts.range or M.range(bufnr, client, nil),
    mode = opts.mode or 'rewrite',
  }
  if opts.instruction and opts.instruction ~= '' then
    arg.instruction = opts.instruction
  end
  if opts.skills and #opts.skills > 0 then
    arg.skills = opts.skills
  end
  M.execute(bufnr, opts.command or 'skill-lsp.ask', { arg }, opts.on_result)
end

--- Lists the skills that apply to the buffer with their reasons; choosing one opens it.
---@param bufnr? integer
---@param on_done? fun(items: table[]?)
function M.skills(bufnr, on_done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  M.execute(bufnr, 'skill-lsp.skillsForFile', { vim.uri_from_bufnr(bufnr) }, function(err, items)
    if err then
      return on_done and on_done(nil)
    end
    items = items or {}
    if #items == 0 then
      notify('no skill applies to this file')
      return on_done and on_done(items)
    end
    vim.ui.select(items, {
      prompt = 'Skills for this file',
      kind = 'skill_lsp.skill',
      format_item = M.format_skill,
    }, function(choice)
      if choice then
        M.open_skill(bufnr, choice)
      end
      if on_done then
        on_done(items)
      end
    end)
  end)
end

--- One line per skill: name, score, activation and why it applies.
---@param item { name: string, score?: number, activation?: string, reasons?: string[], description?: string }
---@return string
function M.format_skill(item)
  local reasons = table.concat(item.reasons or {}, '; ')
  local score = type(item.score) == 'number' and string.format(' %d', math.floor(item.score + 0.5)) or ''
  return string.format('%s [%s%s] %s', item.name, item.activation or '?', score, reasons)
end

--- Opens a skill: its file when it has one on disk, else through the server (`skill-lsp.showSkill`).
---@param bufnr integer
---@param item { name: string, path?: string }
function M.open_skill(bufnr, item)
  local path = item.path
  if type(path) == 'string' and path:match('^file://') then
    path = vim.uri_to_fname(path)
  end
  if type(path) == 'string' and vim.uv.fs_stat(path) then
    vim.cmd.edit(vim.fn.fnameescape(path))
  else
    M.execute(bufnr, 'skill-lsp.showSkill', { { name = item.name } })
  end
end

--- Reloads every skill (`skill-lsp.reload`).
---@param bufnr? integer
function M.reload(bufnr)
  M.execute(bufnr or 0, 'skill-lsp.reload', {}, function(err)
    if not err then
      notify('skills reloaded')
    end
  end)
end

--- Cancels every running skill-lsp progress (agent requests) of the buffer's client.
---@param bufnr? integer
---@return integer count of cancelled tokens
function M.cancel(bufnr)
  local client = need_client(bufnr or 0)
  if not client then
    return 0
  end
  local n = 0
  for token in pairs(M._progress[client.id] or {}) do
    client_notify(client, 'window/workDoneProgress/cancel', { token = token })
    n = n + 1
  end
  if n == 0 then
    notify('nothing to cancel')
  end
  return n
end

--- How progress is shown: `'echo'` (the command line, default), `'notify'` (`vim.notify`, for
--- notification plugins), or `false` (off; fidget-style plugins read `LspProgress` either way).
--- Set with `setup({ progress = ... })` or `vim.g.skill_lsp_progress`.
M.options = { progress = 'echo' }

local function progress_mode()
  local g = vim.g.skill_lsp_progress
  if g ~= nil then
    if g == true then
      return 'echo'
    end
    return g
  end
  return M.options.progress
end

--- One line for a progress event: `skill-lsp: Ask agent: fix · received 1.2 KB`.
function M.progress_text(title, value)
  title = (title or 'working'):gsub('^skill%-lsp:?%s*', '')
  local parts = { 'skill-lsp: ' .. title }
  if value.message and value.message ~= '' then
    parts[#parts + 1] = value.message
  end
  if type(value.percentage) == 'number' then
    parts[#parts + 1] = value.percentage .. '%'
  end
  return table.concat(parts, ' · ')
end

local function show_progress(text, kind)
  local mode = progress_mode()
  if mode == false or mode == 0 or mode == 'off' then
    return
  end
  if mode == 'notify' then
    vim.notify(text, vim.log.levels.INFO, { title = 'skill-lsp' })
  else
    -- Not in message history: the end of a run is reported by `report_result`, which is.
    vim.api.nvim_echo({ { text, kind == 'end' and 'MoreMsg' or 'ModeMsg' } }, false, {})
  end
end

local function track_progress(args)
  local data = args.data or {}
  local client = data.client_id and vim.lsp.get_client_by_id(data.client_id)
  if not client or client.name ~= NAME then
    return
  end
  local params = data.params or (data.result) or {}
  local value = params.value or {}
  if params.token == nil then
    return
  end
  M._progress[client.id] = M._progress[client.id] or {}
  local running = M._progress[client.id]
  local title = value.title or running[params.token]
  if value.kind == 'begin' then
    running[params.token] = value.title or 'working'
  elseif value.kind == 'end' then
    running[params.token] = nil
  end
  if type(title) ~= 'string' then
    title = nil
  end
  show_progress(M.progress_text(title, value), value.kind)
end

local progress_group = vim.api.nvim_create_augroup('skill_lsp.progress', { clear = true })
if vim.fn.exists('##LspProgress') == 1 then
  vim.api.nvim_create_autocmd('LspProgress', { group = progress_group, callback = track_progress })
end

--- Says how a run ended, always: applied, nothing to apply, cancelled, or the error.
---@param what string `rewrite`, `explain`, `review`
---@param err table? the request error
---@param result table? the `skill-lsp.ask` result
function M.report_result(what, err, result)
  if err then
    return -- `execute` already reported it
  end
  result = type(result) == 'table' and result or {}
  if result.cancelled then
    notify(what .. ' cancelled')
  elseif result.ok == false then
    notify(what .. ' failed: ' .. tostring(result.error or 'unknown error'), vim.log.levels.ERROR)
  elseif result.applied then
    notify(what .. ' applied')
  elseif result.unchanged then
    notify(what .. ': nothing to apply (the agent suggests no change)')
  elseif what ~= 'rewrite' then
    notify(what .. ' done: the answer is open' .. (result.path and (' (' .. tostring(result.path) .. ')') or ''))
  else
    notify(what .. ' finished: nothing was applied')
  end
end

--- `no agent: <why>`, without saying "no agent" twice (the server's reasons often start so).
---@param err any
---@return string
function M.no_agent_text(err)
  local why = tostring(err or 'not configured'):gsub('^[Nn]o agent[%w ]*:%s*', '')
  return 'no agent: ' .. why
end

--- How to configure an agent, for messages.
M.AGENT_HELP = 'configure one in the `skillLsp` settings, e.g. '
  .. "vim.lsp.config('skill_lsp', { settings = { skillLsp = { agent = { provider = 'openai', "
  .. "endpoint = 'https://api.openai.com/v1', apiKeyEnv = 'OPENAI_API_KEY' } } } }); "
  .. 'see :help skill-lsp-agent'

--- Checks that the server has an agent before anything is asked of the user; calls `fn(agent)`
--- when it has, else says plainly what is missing and how to configure one.
---@param bufnr integer
---@param client vim.lsp.Client
---@param fn fun(agent: string?)
function M.with_agent(bufnr, client, fn)
  request(client, 'workspace/executeCommand', { command = 'skill-lsp.agentStatus', arguments = {} }, function(err, res)
    if err then
      return fn(nil) -- an older server without the command: the run reports it
    end
    if type(res) == 'table' and res.ok == false then
      notify(M.no_agent_text(res.error) .. '\n' .. M.AGENT_HELP, vim.log.levels.ERROR)
      return
    end
    fn(type(res) == 'table' and res.agent or nil)
  end, bufnr)
end

local BLOCK_TYPES = { 'function', 'method', 'class', 'def', 'impl', 'struct', 'module', 'block_mapping_pair', 'rule_set' }

--- The block around the cursor: a function, class or similar tree-sitter node when a parser is
--- there, else the top-level block (from the last unindented line at or above the cursor to the
--- line before the next one). Returns 1-based `line1, line2, how`, or nil.
function M.enclosing_block(bufnr)
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local ok, node = pcall(vim.treesitter.get_node, { bufnr = bufnr, pos = { row - 1, 0 } })
  if ok and node then
    while node do
      local t = node:type()
      for _, want in ipairs(BLOCK_TYPES) do
        if t:find(want, 1, true) then
          local sr, _, er, ec = node:range()
          return sr + 1, (ec == 0 and er or er + 1), t
        end
      end
      node = node:parent()
    end
  end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local function top(i)
    local l = lines[i]
    return l ~= nil and l:match('^%S') ~= nil
  end
  local first = row
  while first > 1 and not top(first) do
    first = first - 1
  end
  if not top(first) then
    return nil
  end
  local last = first + 1
  while last <= #lines and not top(last) do
    last = last + 1
  end
  last = last - 1
  while last > first and lines[last]:match('^%s*$') do
    last = last - 1
  end
  return first, last, 'block'
end

--- The range to act on. With a selection (or a count range) that; without one, the enclosing
--- block from tree-sitter, else the user chooses between the block around the cursor and the
--- whole buffer. Calls `on_range(range, label)`; never runs on the whole buffer silently.
function M.target(bufnr, client, cmd_opts, on_range)
  if cmd_opts and cmd_opts.range and cmd_opts.range > 0 then
    return on_range(M.range(bufnr, client, cmd_opts), ('lines %d-%d'):format(cmd_opts.line1, cmd_opts.line2))
  end
  local count = vim.api.nvim_buf_line_count(bufnr)
  local l1, l2, how = M.enclosing_block(bufnr)
  local function lines(a, b)
    return M.range(bufnr, client, { range = 2, line1 = a, line2 = b })
  end
  if l1 and how ~= 'block' then
    notify(('no selection: using the enclosing %s (lines %d-%d)'):format(how, l1, l2))
    return on_range(lines(l1, l2), ('lines %d-%d'):format(l1, l2))
  end
  local choices = {}
  if l1 and not (l1 == 1 and l2 == count) then
    choices[#choices + 1] = { label = ('the block around the cursor (lines %d-%d)'):format(l1, l2), a = l1, b = l2 }
  end
  choices[#choices + 1] = { label = ('the whole buffer (%d lines)'):format(count), a = 1, b = count }
  vim.ui.select(choices, {
    prompt = 'No selection. Ask about:',
    kind = 'skill_lsp.target',
    format_item = function(c)
      return c.label
    end,
  }, function(choice)
    if choice then
      on_range(lines(choice.a, choice.b), choice.label)
    end
  end)
end

-- Agent commands from code actions run through the plugin too, so their end is reported.
if vim.lsp.commands then
  vim.lsp.commands['skill-lsp.ask'] = function(command, ctx)
    local arg = (command.arguments or {})[1]
    local mode = type(arg) == 'table' and arg.mode or 'rewrite'
    M.execute(ctx.bufnr, command.command, command.arguments or {}, function(err, result)
      M.report_result(mode, err, result)
    end)
  end
end

local function ask_command(mode, command)
  return function(cmd)
    local bufnr = vim.api.nvim_get_current_buf()
    local client = need_client(bufnr)
    if not client then
      return
    end
    local what = mode
    local function run(range, instruction)
      M.ask({
        bufnr = bufnr,
        range = range,
        instruction = instruction,
        mode = mode,
        command = command,
        on_result = command == nil and function(err, result)
          M.report_result(what, err, result)
        end or nil,
      })
    end
    local function go()
      M.target(bufnr, client, cmd, function(range)
        if mode == 'rewrite' and command == nil and cmd.args == '' then
          vim.ui.input({ prompt = 'Ask agent: ' }, function(input)
            if input ~= nil then
              run(range, input)
            end
          end)
        else
          run(range, cmd.args ~= '' and cmd.args or nil)
        end
      end)
    end
    if command == nil then
      M.with_agent(bufnr, client, go) -- the prompt file needs no agent
    else
      go()
    end
  end
end

--- Creates the buffer-local commands. Called from the config's `on_attach` and from `LspAttach`.
---@param client vim.lsp.Client
---@param bufnr integer
function M.on_attach(client, bufnr)
  if client.name ~= NAME or vim.b[bufnr].skill_lsp_commands then
    return
  end
  vim.b[bufnr].skill_lsp_commands = true
  local function cmd(name, fn, opts)
    vim.api.nvim_buf_create_user_command(bufnr, name, fn, opts)
  end
  cmd('SkillLspAsk', ask_command('rewrite'), {
    nargs = '*',
    range = true,
    desc = 'skill-lsp: ask the agent to rewrite the selection (or the buffer) with the skills',
  })
  cmd('SkillLspExplain', ask_command('explain'), {
    nargs = '*',
    range = true,
    desc = 'skill-lsp: explain the selection (or the buffer) with the skills',
  })
  cmd('SkillLspReview', ask_command('review'), {
    nargs = '*',
    range = true,
    desc = 'skill-lsp: review the selection (or the buffer) with the skills',
  })
  cmd('SkillLspPrompt', ask_command('rewrite', 'skill-lsp.openPrompt'), {
    nargs = '*',
    range = true,
    desc = 'skill-lsp: open the prompt the agent would get',
  })
  cmd('SkillLspSkills', function()
    M.skills(bufnr)
  end, { desc = 'skill-lsp: skills for this file, with reasons' })
  cmd('SkillLspReload', function()
    M.reload(bufnr)
  end, { desc = 'skill-lsp: reload skills' })
  cmd('SkillLspCancel', function()
    M.cancel(bufnr)
  end, { desc = 'skill-lsp: cancel running agent requests' })
end

--- Root markers, strongest first: a repository (`.git`) wins over a `.skill-lsp.yaml`, which wins
--- over guidance files, so a `backend/AGENTS.md` inside a repository never makes `backend/` the
--- root (the repository's `.github/instructions` would stop applying).
M.ROOT_MARKERS = { '.git', '.skill-lsp.yaml', 'AGENTS.md', 'CLAUDE.md', '.github', '.cursor', '.claude' }

--- The server's cache folder (prompts, answers, copies of bundled skills), as the server
--- computes it from the environment it runs in (`env`: the config's `cmd_env`).
function M.cache_dir(env)
  env = env or {}
  local function get(k)
    local v = env[k] or os.getenv(k)
    return v ~= '' and v or nil
  end
  local base = get('XDG_CACHE_HOME') or (get('HOME') and (get('HOME') .. '/.cache')) or '/tmp'
  return vim.fs.normalize(base .. '/skill-lsp')
end

--- Whether the client should attach to `bufnr`: a file on disk that is not one of skill-lsp's
--- own prompt, answer or skill-copy files.
function M.should_attach(bufnr, env)
  if vim.bo[bufnr].buftype ~= '' then
    return false
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return false
  end
  local path = vim.fs.normalize(vim.fn.fnamemodify(name, ':p'))
  local cache = M.cache_dir(env)
  return path:sub(1, #cache + 1) ~= cache .. '/'
end

--- The workspace root for `bufnr` (see `ROOT_MARKERS`), or nil: the server then serves the file
--- alone and walks no folder.
function M.root(bufnr, markers)
  -- One marker at a time: priority by order on every version (0.10's list form takes the nearest).
  for _, marker in ipairs(markers or M.ROOT_MARKERS) do
    local r = vim.fs.root(bufnr, marker)
    if r then
      return r
    end
  end
  return nil
end

--- The base config (the table returned by `lsp/skill_lsp.lua`).
---@return vim.lsp.Config
function M.base_config()
  local file = vim.api.nvim_get_runtime_file('lsp/skill_lsp.lua', false)[1]
  if not file then
    error('skill-lsp: lsp/skill_lsp.lua is not on runtimepath')
  end
  return dofile(file)
end

--- Optional set-up.
---
--- `opts` is a `vim.lsp.Config` (`cmd`, `filetypes`, `root_markers`, `settings`, ...) plus:
---   - `settings`: either `{ skillLsp = {...} }` or the `skillLsp` table itself;
---   - `autostart` (default true): enable the config right away;
---   - `progress` (default `'echo'`): show agent progress in the command line, `'notify'` through
---     `vim.notify`, or `false` for none.
---@param opts? table
function M.setup(opts)
  opts = vim.deepcopy(opts or {})
  local autostart = opts.autostart ~= false
  if opts.progress ~= nil then
    M.options.progress = opts.progress
  end
  opts.progress = nil
  -- `_legacy` takes the 0.10 path on any version (the test suite uses it to cover that path).
  local legacy = opts._legacy or not has_011
  opts.autostart, opts._legacy = nil, nil
  if opts.settings and opts.settings.skillLsp == nil then
    opts.settings = { skillLsp = opts.settings }
  end
  if not legacy then
    vim.lsp.config(NAME, opts)
    if autostart then
      vim.lsp.enable(NAME)
    end
    return
  end
  -- Neovim 0.10: no vim.lsp.config/enable; start per buffer.
  local config = vim.tbl_deep_extend('force', M.base_config(), opts)
  config.name = NAME
  config.init_options = (config.settings or {}).skillLsp
  local markers = config.root_markers
  config.root_markers = nil
  local function start(bufnr)
    if not M.should_attach(bufnr, config.cmd_env) then
      return
    end
    if config.filetypes and not vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      return
    end
    local c = vim.deepcopy(config)
    -- No root found: no root at all (the server serves the file alone), never the file's folder.
    c.root_dir = M.root(bufnr, markers)
    vim.lsp.start(c, { bufnr = bufnr })
  end
  if autostart then
    vim.api.nvim_create_autocmd('FileType', {
      group = vim.api.nvim_create_augroup('skill_lsp.start', { clear = true }),
      callback = function(args)
        start(args.buf)
      end,
    })
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype ~= '' then
        start(bufnr)
      end
    end
  end
end

return M
