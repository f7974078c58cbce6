-- require('skill_lsp').setup() through the Neovim 0.10 code path (vim.lsp.start per FileType),
-- forced on this Neovim with `_legacy = true`, plus the help file's tags.
--
--   nvim --clean --headless -l tests/editors/nvim/setup_legacy.lua
local uv = vim.uv
local repo = vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h:h'))
local bin = os.getenv('SKILL_LSP_BIN') or (repo .. '/target/debug/skill-lsp')
if not bin:match('^/') then
  bin = repo .. '/' .. bin
end
local passed, failed = 0, 0
local function out(s)
  io.stdout:write(s .. '\n')
end
local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    out('ok   - ' .. name)
  else
    failed = failed + 1
    out('FAIL - ' .. name .. ': ' .. tostring(err))
  end
end

local tmp = assert(uv.fs_mkdtemp((os.getenv('TMPDIR') or '/tmp') .. '/skill-lsp-nvim-setup-XXXXXX'))
vim.fn.mkdir(tmp .. '/ws/.git', 'p')
vim.fn.mkdir(tmp .. '/home', 'p')
local file = tmp .. '/ws/main.py'
vim.fn.writefile({ 'try:', '    run()', 'except Exception:', '    pass' }, file)

vim.opt.rtp:prepend(repo .. '/editors/nvim')
vim.cmd('runtime! plugin/skill_lsp.lua')

check('setup() on the 0.10 path attaches to a Python buffer with the given settings', function()
  require('skill_lsp').setup({
    _legacy = true,
    cmd = { bin, 'serve' },
    cmd_env = { HOME = tmp .. '/home', XDG_CONFIG_HOME = tmp .. '/home/.config' },
    settings = {
      skills = { builtin = false, userFolders = false, paths = { repo .. '/tests/editors/fixtures/skills' } },
      tips = { debounceMs = 50 },
    },
  })
  vim.cmd.edit(file)
  local buf = vim.api.nvim_get_current_buf()
  local client
  assert(vim.wait(15000, function()
    client = require('skill_lsp').client(buf)
    return client ~= nil and client.initialized
  end, 20), 'no client')
  assert(client.name == 'skill_lsp', client.name)
  assert(vim.fs.normalize(client.root_dir) == vim.fs.normalize(tmp .. '/ws'), 'root ' .. tostring(client.root_dir))
  assert(vim.fn.exists(':SkillLspAsk') == 2, 'no :SkillLspAsk')
  assert(vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'e2e-python-errors/blind-except' then
        return true
      end
    end
    return false
  end, 20), 'no tip diagnostic: the settings (skills.paths) did not reach the server')
end)

check('doc/skill-lsp.txt has valid help tags', function()
  local doc = tmp .. '/doc'
  vim.fn.mkdir(doc, 'p')
  vim.fn.writefile(vim.fn.readfile(repo .. '/editors/nvim/doc/skill-lsp.txt'), doc .. '/skill-lsp.txt')
  vim.cmd('helptags ' .. vim.fn.fnameescape(doc))
  local tags = table.concat(vim.fn.readfile(doc .. '/tags'), '\n')
  for _, tag in ipairs({ 'skill-lsp.txt', ':SkillLspAsk', ':SkillLspSkills', ':SkillLspReload', 'skill-lsp-settings', 'skill_lsp.setup()', 'skill-lsp-workspace-symbols', 'skill-lsp-agent' }) do
    assert(tags:find(tag, 1, true), 'missing tag ' .. tag)
  end
  -- The shipped doc/tags is exactly what :helptags makes (UPDATE_TAGS=1 rewrites it).
  local shipped = repo .. '/editors/nvim/doc/tags'
  if os.getenv('UPDATE_TAGS') == '1' then
    vim.fn.writefile(vim.fn.readfile(doc .. '/tags'), shipped)
  end
  assert(vim.fn.filereadable(shipped) == 1, 'editors/nvim/doc/tags is not shipped')
  local current = table.concat(vim.fn.readfile(shipped), '\n')
  assert(current == tags, 'editors/nvim/doc/tags is stale: run the test with UPDATE_TAGS=1')
end)

check(':help skill-lsp works with the plugin on runtimepath', function()
  vim.opt.rtp:prepend(repo .. '/editors/nvim')
  vim.cmd('help skill-lsp')
  assert(vim.bo.filetype == 'help', 'not a help buffer')
  assert(vim.api.nvim_buf_get_name(0):match('skill%-lsp%.txt$'), vim.api.nvim_buf_get_name(0))
  vim.cmd('helpclose')
end)

for _, c in ipairs(vim.lsp.get_clients({ name = 'skill_lsp' })) do
  c:stop(true)
end
vim.fn.delete(tmp, 'rf')
out(('%d passed, %d failed'):format(passed, failed))
vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
