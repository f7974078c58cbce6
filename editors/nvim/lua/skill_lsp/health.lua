--- `:checkhealth skill_lsp`: the binary and its version, then `skill-lsp doctor` run for the buffer
--- the user came from (its root, the settings Neovim sends), so the report names the agent actually
--- in use and whether it answers. A failing doctor (exit 1) is an error.
local M = {}

local health = vim.health

--- The config Neovim would start the server with (user overrides included on 0.11+).
local function resolved_config()
  if vim.fn.has('nvim-0.11') == 1 and vim.lsp.config then
    local ok, cfg = pcall(function()
      return vim.lsp.config['skill_lsp']
    end)
    if ok and cfg then
      return cfg
    end
  end
  local ok, cfg = pcall(require('skill_lsp').base_config)
  return ok and cfg or nil
end

local function run(cmd, opts)
  local ok, obj = pcall(function()
    return vim.system(cmd, vim.tbl_extend('force', { text = true }, opts or {})):wait(20000)
  end)
  if not ok then
    return nil, tostring(obj)
  end
  return obj
end

--- The buffer `:checkhealth` was started from: the health buffer is current while this runs, so
--- take the alternate buffer, else the last listed file buffer.
local function origin_buffer()
  local cur = vim.api.nvim_get_current_buf()
  if vim.bo[cur].filetype ~= 'checkhealth' and vim.bo[cur].buftype == '' then
    return cur
  end
  local alt = vim.fn.bufnr('#')
  if alt > 0 and vim.api.nvim_buf_is_valid(alt) and vim.bo[alt].buftype == '' then
    return alt
  end
  local best, last_used
  for _, info in ipairs(vim.fn.getbufinfo({ buflisted = 1 })) do
    if vim.bo[info.bufnr].buftype == '' and info.name ~= '' and (last_used == nil or info.lastused > last_used) then
      best, last_used = info.bufnr, info.lastused
    end
  end
  return best
end

local function report_agent(agent)
  if type(agent) ~= 'table' then
    return
  end
  if agent.provider == 'none' then
    local sl = require('skill_lsp')
    health.warn(sl.no_agent_text(agent.error ~= vim.NIL and agent.error or nil), { sl.AGENT_HELP })
    return
  end
  local parts = { 'provider `' .. tostring(agent.provider) .. '`' }
  if agent.model and agent.model ~= vim.NIL then
    parts[#parts + 1] = 'model `' .. agent.model .. '`'
  end
  if agent.endpoint and agent.endpoint ~= vim.NIL then
    parts[#parts + 1] = 'endpoint ' .. agent.endpoint
  end
  if agent.command and agent.command ~= vim.NIL then
    parts[#parts + 1] = 'command `' .. agent.command .. '`'
  end
  health.info('agent in use: ' .. table.concat(parts, ', '))
  if agent.keyEnv and agent.keyEnv ~= vim.NIL then
    if agent.keySet then
      health.ok('API key variable is set: ' .. agent.keyEnv)
    else
      health.error('API key variable is not set: ' .. agent.keyEnv)
    end
  end
  if agent.error and agent.error ~= vim.NIL then
    health.error('agent: ' .. agent.error)
  end
  local probe = agent.probe
  if type(probe) == 'table' then
    if probe.ok then
      health.ok('agent answers: ' .. tostring(probe.message))
    else
      health.error('agent does not answer: ' .. tostring(probe.message))
    end
  end
end

function M.check()
  local sl = require('skill_lsp')
  local bufnr = origin_buffer()
  health.start('skill-lsp: server binary')
  local cfg = resolved_config()
  if not cfg then
    health.error('lsp/skill_lsp.lua not found on runtimepath')
    return
  end
  local cmd = type(cfg.cmd) == 'table' and cfg.cmd or nil
  if not cmd then
    health.info('cmd is a function; cannot check the binary')
    return
  end
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    health.error(('`%s` not found'):format(cmd[1]), {
      'Build it with `cargo install --path .` in the skill-lsp repository, or set',
      "`vim.lsp.config('skill_lsp', { cmd = { '/path/to/skill-lsp', 'serve' } })`.",
    })
    return
  end
  local obj, err = run({ exe, '--version' })
  if obj and obj.code == 0 then
    health.ok(('%s (%s)'):format(vim.trim(obj.stdout or ''), exe))
  else
    health.error(('`%s --version` failed: %s'):format(exe, err or (obj and obj.stderr) or '?'))
    return
  end

  health.start('skill-lsp: this buffer')
  local client = bufnr and sl.client(bufnr) or nil
  local root = client and (client.root_dir or client.config.root_dir) or (bufnr and sl.root(bufnr)) or nil
  if bufnr then
    health.info('buffer: ' .. (vim.api.nvim_buf_get_name(bufnr) ~= '' and vim.api.nvim_buf_get_name(bufnr) or ('#' .. bufnr)))
  end
  if client then
    health.ok(('client attached (id %d, root %s)'):format(client.id, tostring(root or 'none: this file alone')))
  elseif bufnr and not sl.should_attach(bufnr, cfg.cmd_env) then
    health.info('skill-lsp does not attach to this buffer (not a file, or one of its own cache files)')
  else
    health.info('no skill-lsp client attached to this buffer')
  end

  health.start('skill-lsp: doctor')
  local settings = (cfg.settings or {}).skillLsp or {}
  local dir = root
  if not dir and bufnr and vim.api.nvim_buf_get_name(bufnr) ~= '' then
    dir = vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr))
  end
  local doctor_cmd = { exe, 'doctor', '--json', '--probe', '--probe-timeout', '5', '--settings', vim.json.encode(settings) }
  local env = cfg.cmd_env
  local doctor, derr = run(doctor_cmd, { cwd = dir, env = env })
  if not doctor then
    health.error('`skill-lsp doctor` could not run: ' .. tostring(derr))
    return
  end
  local ok, report = pcall(vim.json.decode, doctor.stdout or '')
  if not ok or type(report) ~= 'table' then
    health.error(('`skill-lsp doctor` failed (exit %d): %s'):format(doctor.code, vim.trim((doctor.stderr or '') .. (doctor.stdout or ''))))
    return
  end
  health.info(('workspace %s, %d skills loaded'):format(tostring(report.workspace), tonumber(report.skills) or 0))
  report_agent(report.agent)
  if doctor.code == 0 then
    health.ok('`skill-lsp doctor` found no problems')
  else
    local issues = type(report.issues) == 'table' and report.issues or {}
    health.error(
      ('`skill-lsp doctor` failed (exit %d): %d problem%s'):format(doctor.code, #issues, #issues == 1 and '' or 's'),
      vim.tbl_map(tostring, issues)
    )
  end
end

return M
