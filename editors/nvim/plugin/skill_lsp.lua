-- Create the skill-lsp buffer commands whenever the client attaches, even when a user's own
-- `vim.lsp.config('skill_lsp', { on_attach = ... })` replaced ours.
if vim.g.loaded_skill_lsp then
  return
end
vim.g.loaded_skill_lsp = true

vim.api.nvim_create_autocmd('LspAttach', {
  group = vim.api.nvim_create_augroup('skill_lsp.attach', { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == 'skill_lsp' then
      require('skill_lsp').on_attach(client, args.buf)
    end
  end,
})
