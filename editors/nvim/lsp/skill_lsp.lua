-- skill-lsp configuration for Neovim 0.11+ (`:help lsp-config`).
--
-- Put this plugin on 'runtimepath' and call:
--
--   vim.lsp.enable('skill_lsp')
--
-- Override anything with `vim.lsp.config('skill_lsp', { ... })`, for example the binary
-- (`cmd = { '/path/to/skill-lsp', 'serve' }`) or the settings (`settings = { skillLsp = { ... } }`).
-- The server pulls its settings with `workspace/configuration`, section `skillLsp`.

---@type vim.lsp.Config
return {
  cmd = { 'skill-lsp', 'serve' },
  -- No `filetypes`: skills apply to every kind of file (Python, Dockerfiles, YAML, Markdown...).
  -- Strongest first: `.git`, then `.skill-lsp.yaml`, then guidance files (a nested AGENTS.md
  -- never makes its folder the root). `root_dir` below applies them; no root: no workspace folder.
  root_markers = { '.git', '.skill-lsp.yaml', 'AGENTS.md', 'CLAUDE.md', '.github', '.cursor', '.claude' },
  root_dir = function(bufnr, on_dir)
    local sl = require('skill_lsp')
    local ok, cfg = pcall(function()
      return vim.lsp.config['skill_lsp']
    end)
    local env = ok and cfg and cfg.cmd_env or nil
    -- Not skill-lsp's own prompt and answer files, not scratch buffers.
    if sl.should_attach(bufnr, env) then
      on_dir(sl.root(bufnr))
    end
  end,
  -- Only what you set is sent; the server fills in its defaults (`:help skill-lsp-settings`).
  -- An empty dict (not `{}`, which would be sent as a JSON list) keeps the section an object.
  settings = {
    skillLsp = vim.empty_dict(),
  },
  before_init = function(params, config)
    -- The server also reads `initializationOptions`; send the same settings so the first
    -- diagnostics are computed with them.
    params.initializationOptions = (config.settings or {}).skillLsp
  end,
  on_attach = function(client, bufnr)
    require('skill_lsp').on_attach(client, bufnr)
  end,
}
