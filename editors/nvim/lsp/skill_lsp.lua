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
  root_markers = {
    '.skill-lsp.yaml',
    'AGENTS.md',
    'CLAUDE.md',
    '.github',
    '.cursor',
    '.claude',
    '.git',
  },
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
