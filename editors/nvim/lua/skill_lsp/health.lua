--- `:checkhealth skill_lsp`: the binary and its version, the resolved settings, the agent.
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

local function run(cmd)
  local ok, obj = pcall(function()
    return vim.system(cmd, { text = true }):wait(10000)
  end)
  if not ok then
    return nil, tostring(obj)
  end
  return obj
end

--- Tries a TCP connection to host:port; returns true or an error string.
local function tcp_reachable(host, port)
  local done, result = false, nil
  local addrs = vim.uv.getaddrinfo(host, tostring(port), { socktype = 'stream' }) or {}
  if #addrs == 0 then
    return 'cannot resolve ' .. host
  end
  local tcp = vim.uv.new_tcp()
  tcp:connect(addrs[1].addr, port, function(err)
    result = err or true
    done = true
  end)
  vim.wait(3000, function()
    return done
  end, 20)
  if not tcp:is_closing() then
    tcp:close()
  end
  if not done then
    return 'timed out connecting to ' .. host .. ':' .. port
  end
  return result
end

local function check_agent(settings)
  local agent = settings.agent or {}
  local provider = agent.provider or 'auto'
  if provider == 'none' then
    health.info('agent provider is `none`: agent code actions are off')
    return
  end
  if provider == 'command' then
    if not agent.command then
      health.error('agent provider is `command` but `agent.command` is not set')
    elseif vim.fn.executable(agent.command) == 1 then
      health.ok('agent command found: ' .. vim.fn.exepath(agent.command))
    else
      health.error('agent command not executable: ' .. agent.command)
    end
    return
  end
  if agent.endpoint or provider == 'openai' or provider == 'auto' then
    local endpoint = agent.endpoint
    if not endpoint then
      if provider == 'openai' then
        endpoint = 'https://api.openai.com/v1'
      elseif os.getenv('OPENAI_API_KEY') or os.getenv('ANTHROPIC_API_KEY') then
        health.ok('agent provider `auto`: an API key is set in the environment')
        return
      else
        endpoint = 'http://localhost:11434/v1'
        health.info('agent provider `auto` without an API key: trying a local Ollama at ' .. endpoint)
      end
    end
    local scheme, host, port = endpoint:match('^(https?)://%[?([^/%]]+)%]?:(%d+)')
    if not host then
      scheme, host = endpoint:match('^(https?)://([^/:]+)')
      port = scheme == 'https' and 443 or 80
    end
    if not host then
      health.error('agent endpoint is not a URL: ' .. endpoint)
      return
    end
    local result = tcp_reachable(host, tonumber(port))
    if result == true then
      health.ok(('agent endpoint reachable: %s'):format(endpoint))
    else
      health.warn(('agent endpoint not reachable: %s (%s)'):format(endpoint, tostring(result)))
    end
  end
  if agent.apiKeyEnv then
    if os.getenv(agent.apiKeyEnv) then
      health.ok('API key variable is set: ' .. agent.apiKeyEnv)
    else
      health.warn('API key variable is not set: ' .. agent.apiKeyEnv)
    end
  end
end

function M.check()
  health.start('skill-lsp: server binary')
  local cfg = resolved_config()
  if not cfg then
    health.error('lsp/skill_lsp.lua not found on runtimepath')
    return
  end
  local cmd = type(cfg.cmd) == 'table' and cfg.cmd or nil
  if not cmd then
    health.info('cmd is a function; cannot check the binary')
  else
    local exe = vim.fn.exepath(cmd[1])
    if exe == '' then
      health.error(('`%s` not found'):format(cmd[1]), {
        'Build it with `cargo install --path .` in the skill-lsp repository, or set',
        "`vim.lsp.config('skill_lsp', { cmd = { '/path/to/skill-lsp', 'serve' } })`.",
      })
    else
      local obj, err = run({ exe, '--version' })
      if obj and obj.code == 0 then
        health.ok(('%s (%s)'):format(vim.trim(obj.stdout or ''), exe))
      else
        health.error(('`%s --version` failed: %s'):format(exe, err or (obj and obj.stderr) or '?'))
      end
      local doctor = run({ exe, 'doctor' })
      if doctor and doctor.code == 0 then
        health.ok('`skill-lsp doctor` passed')
      elseif doctor then
        health.warn('`skill-lsp doctor` reported problems:\n' .. vim.trim((doctor.stdout or '') .. (doctor.stderr or '')))
      end
    end
  end

  health.start('skill-lsp: settings')
  local settings = (cfg.settings or {}).skillLsp or {}
  health.info('settings sent to the server (section `skillLsp`; unset keys use the server defaults):\n'
    .. vim.inspect(settings))
  local clients = require('skill_lsp').client(0) and { require('skill_lsp').client(0) } or {}
  if #clients > 0 then
    health.ok(('client attached to the current buffer (id %d, root %s)'):format(
      clients[1].id,
      tostring(clients[1].root_dir or clients[1].config.root_dir)
    ))
  else
    health.info('no skill-lsp client attached to the current buffer')
  end

  health.start('skill-lsp: agent')
  check_agent(settings)
end

return M
