-- Neovim set-up for the README screenshots (tests/editors/nvim/screenshots.sh): the plugin from
-- editors/nvim with the server in $SKILL_LSP_BIN and its bundled skills, diagnostics as virtual
-- text, nothing else.
local repo = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h:h')
vim.opt.rtp:prepend(repo .. '/editors/nvim')
vim.cmd('runtime! plugin/skill_lsp.lua')
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.laststatus = 2
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.diagnostic.config({ virtual_text = { prefix = '●' }, severity_sort = true })
vim.lsp.config('skill_lsp', {
  cmd = { os.getenv('SKILL_LSP_BIN'), 'serve' },
  settings = { skillLsp = { skills = { userFolders = false }, tips = { debounceMs = 50 } } },
})
vim.lsp.enable('skill_lsp')
vim.o.winborder = 'rounded'
vim.keymap.set('n', 'K', function()
  vim.lsp.buf.hover({ max_width = 80, max_height = 14 })
end)
