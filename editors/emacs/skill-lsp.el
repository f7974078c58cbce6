;;; skill-lsp.el --- skill-lsp through eglot  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; skill-lsp is a language server that brings skills (agent guidance files: SKILL.md,
;; *.instructions.md, .cursor/rules/*.mdc, AGENTS.md...) to the editor: which skills apply to a
;; file, tips as hovers and diagnostics, and code actions that ask an agent.
;;
;; Set-up:
;;
;;   (add-to-list 'load-path "/path/to/skill-lsp/editors/emacs")
;;   (require 'skill-lsp)
;;   (skill-lsp-setup)                      ; registers the server with eglot
;;   (add-hook 'markdown-mode-hook #'skill-lsp-ensure) ; eglot-ensure, minus skill-lsp's cache files
;;
;; The root: `.git' first, then `.skill-lsp.yaml', then guidance markers (`skill-lsp-root-markers',
;; by priority, so an `AGENTS.md' below a `.git' root never becomes the root).  lsp-mode users:
;; see skill-lsp-lsp-mode.el.
;;
;; Eglot runs one server per buffer, so in a buffer where eglot already runs your language's own
;; server, skill-lsp would replace it: `skill-lsp-modes' lists the modes to hand to skill-lsp
;; (by default none that usually have their own server: add the ones you want).  Settings go
;; through `skill-lsp-settings' (the server's `skillLsp' section: skills, tips, hover, agent).
;;
;; Commands: `skill-lsp-ask' (region-aware, asks for an instruction), `skill-lsp-explain',
;; `skill-lsp-review', `skill-lsp-skills' (with reasons; opens the chosen skill),
;; `skill-lsp-reload'.  Code actions come through `eglot-code-actions'.

;;; Code:

(require 'eglot)
(require 'jsonrpc)
(require 'cl-lib)

(defgroup skill-lsp nil
  "Skills (agent guidance files) in Emacs through eglot."
  :group 'eglot
  :prefix "skill-lsp-")

(defcustom skill-lsp-command '("skill-lsp" "serve")
  "Command line that starts the server."
  :type '(repeat string))

(defcustom skill-lsp-modes
  '(markdown-mode gfm-mode yaml-mode yaml-ts-mode dockerfile-mode dockerfile-ts-mode
    sh-mode bash-ts-mode conf-mode)
  "Major modes whose buffers get skill-lsp as their eglot server."
  :type '(repeat symbol))

(defcustom skill-lsp-settings nil
  "Settings of the server (section `skillLsp'), as a plist.
Example: (:tips (:debounceMs 200) :agent (:provider \"openai\"
          :endpoint \"http://localhost:11434/v1\" :model \"qwen2.5-coder:7b\"))
Booleans: t and :json-false.  Lists: vectors."
  :type 'plist)

(defcustom skill-lsp-root-markers
  '(".git" ".skill-lsp.yaml" "AGENTS.md" "CLAUDE.md" ".github" ".cursor" ".claude")
  "Files or folders that mark the workspace root, by priority (not by nearness).
The first marker found above the file wins, so a `backend/AGENTS.md' inside a
repository never makes `backend/' the root: the `.git' folder comes first."
  :type '(repeat string))

(defun skill-lsp-root (&optional file)
  "The workspace root of FILE (default: this buffer's file), or nil.
Markers are tried one at a time in `skill-lsp-root-markers' order."
  (interactive)
  (let ((file (or file buffer-file-name default-directory)))
    (when file
      (cl-loop for marker in skill-lsp-root-markers
               for dir = (locate-dominating-file file marker)
               when dir return (let ((root (file-name-as-directory (expand-file-name dir))))
                                 (when (called-interactively-p 'any) (message "skill-lsp root: %s" root))
                                 root)))))

(defun skill-lsp--project (dir)
  "A `project-find-functions' entry: the skill-lsp root of DIR as a transient project.
Only in buffers handed to skill-lsp, so other servers keep their own projects."
  (when (and (apply #'derived-mode-p skill-lsp-modes) (skill-lsp-attachable-p))
    (let ((root (skill-lsp-root dir)))
      (when root (cons 'transient root)))))

(defun skill-lsp-cache-dir ()
  "Skill-lsp's own cache folder (prompts, answers, skill copies): never attached to."
  (let ((base (or (getenv "XDG_CACHE_HOME")
                  (and (getenv "HOME") (expand-file-name ".cache" (getenv "HOME")))
                  "/tmp")))
    (file-name-as-directory (expand-file-name "skill-lsp" base))))

(defun skill-lsp-attachable-p (&optional buffer)
  "Whether BUFFER visits a file on disk outside skill-lsp's cache folder."
  (let ((file (buffer-file-name (or buffer (current-buffer)))))
    (and file
         (not (string-prefix-p (skill-lsp-cache-dir) (expand-file-name file))))))

;;;###autoload
(defun skill-lsp-ensure ()
  "Like `eglot-ensure', but not in skill-lsp's own cache files or buffers without a file.
Use it in mode hooks: (add-hook \='markdown-mode-hook #\='skill-lsp-ensure)."
  (when (skill-lsp-attachable-p)
    (eglot-ensure)))

(defclass skill-lsp-server (eglot-lsp-server) ()
  :documentation "The skill-lsp language server.")

(cl-defmethod eglot-initialization-options ((_server skill-lsp-server))
  "Send `skill-lsp-settings' as `initializationOptions'."
  (or skill-lsp-settings eglot--{}))

(defun skill-lsp--workspace-configuration (_server)
  "The `skillLsp' section for `workspace/configuration', from `skill-lsp-settings'."
  (list :skillLsp (or skill-lsp-settings eglot--{})))

;;;###autoload
(defun skill-lsp-setup ()
  "Register skill-lsp with eglot for `skill-lsp-modes'."
  (interactive)
  (setq eglot-server-programs
        (cons (cons skill-lsp-modes (cons 'skill-lsp-server skill-lsp-command))
              (cl-remove-if (lambda (entry)
                              (and (consp (cdr entry)) (eq (cadr entry) 'skill-lsp-server)))
                            eglot-server-programs)))
  (unless (functionp (default-value 'eglot-workspace-configuration))
    (setq-default eglot-workspace-configuration #'skill-lsp--workspace-configuration))
  ;; Before project-try-vc: it takes the nearest VCS root only, and with none there the
  ;; folder would be the whole working directory.
  (add-hook 'project-find-functions #'skill-lsp--project -10))

;; Requests that eglot 1.9 does not answer itself, and the capabilities that say we answer them.

(cl-defmethod eglot-client-capabilities ((_server skill-lsp-server))
  "Eglot's capabilities plus `window/showDocument' and work-done progress."
  (let ((caps (cl-call-next-method)))
    (plist-put caps :window (list :showDocument (list :support t) :workDoneProgress t))))

(cl-defmethod eglot-handle-request
  ((_server skill-lsp-server) (_method (eql window/workDoneProgress/create)) &key _token)
  "Accept a progress token."
  nil)

(cl-defmethod eglot-handle-notification
  ((_server skill-lsp-server) (_method (eql $/progress)) &key token value)
  "Show the server's progress in the echo area."
  (let ((kind (plist-get value :kind)))
    (message "skill-lsp: %s%s"
             (or (plist-get value :title) (plist-get value :message) kind)
             (if (equal kind "end") " (done)" ""))
    (ignore token)))

(cl-defmethod eglot-handle-request
  ((_server skill-lsp-server) (_method (eql window/showDocument)) &key uri external takeFocus _selection)
  "Open a document the server asks for (the agent's explanation, a skill)."
  (if (eq external t)
      (browse-url uri)
    (let ((buf (find-file-noselect (eglot--uri-to-path uri))))
      (if (eq takeFocus :json-false) (display-buffer buf) (pop-to-buffer buf))))
  (list :success t))

(defun skill-lsp--server ()
  "The skill-lsp server of this buffer."
  (let ((server (eglot--current-server-or-lose)))
    (unless (cl-typep server 'skill-lsp-server)
      (user-error "This buffer's eglot server is not skill-lsp"))
    server))

(defun skill-lsp--range (beg end)
  "LSP range of BEG..END."
  (list :start (eglot--pos-to-lsp-position beg) :end (eglot--pos-to-lsp-position end)))

(defun skill-lsp--target ()
  "The region when active, else the whole buffer, as (BEG . END)."
  (if (use-region-p)
      (cons (region-beginning) (region-end))
    (cons (point-min) (point-max))))

(defun skill-lsp-execute (command arguments &optional callback)
  "Run server COMMAND with ARGUMENTS (a vector); call CALLBACK with the result."
  (jsonrpc-async-request
   (skill-lsp--server) :workspace/executeCommand
   (list :command command :arguments arguments)
   :success-fn (lambda (result) (when callback (funcall callback result)))
   :error-fn (lambda (err) (message "skill-lsp: %s failed: %s" command (plist-get err :message)))
   :timeout-fn #'ignore
   :timeout 600))

(defun skill-lsp--ask (mode &optional instruction command)
  "Ask the agent about the region or buffer in MODE with INSTRUCTION via COMMAND."
  (let* ((target (skill-lsp--target))
         (arg (list :uri (plist-get (eglot--TextDocumentIdentifier) :uri)
                    :range (skill-lsp--range (car target) (cdr target))
                    :mode mode)))
    (when (and instruction (not (string-empty-p instruction)))
      (setq arg (plist-put arg :instruction instruction)))
    (skill-lsp-execute (or command "skill-lsp.ask") (vector arg))))

;;;###autoload
(defun skill-lsp-ask (instruction)
  "Ask the agent to rewrite the region (or the buffer) following INSTRUCTION and the skills."
  (interactive (list (read-string "Ask agent: ")))
  (skill-lsp--ask "rewrite" instruction))

;;;###autoload
(defun skill-lsp-explain ()
  "Explain the region (or the buffer) with the skills, in a markdown document."
  (interactive)
  (skill-lsp--ask "explain"))

;;;###autoload
(defun skill-lsp-review ()
  "Review the buffer with the skills, in a markdown document."
  (interactive)
  (deactivate-mark)
  (skill-lsp--ask "review"))

;;;###autoload
(defun skill-lsp-open-prompt (instruction)
  "Open the prompt the agent would get for the region (or buffer) and INSTRUCTION."
  (interactive (list (read-string "Instruction (optional): ")))
  (skill-lsp--ask "rewrite" instruction "skill-lsp.openPrompt"))

(defun skill-lsp-skills-for-buffer ()
  "The skills that apply to this buffer (a list of plists), synchronously."
  (append (jsonrpc-request (skill-lsp--server) :workspace/executeCommand
                           (list :command "skill-lsp.skillsForFile"
                                 :arguments (vector (plist-get (eglot--TextDocumentIdentifier) :uri))))
          nil))

;;;###autoload
(defun skill-lsp-skills ()
  "Choose one of the skills that apply to this buffer (with reasons) and open it."
  (interactive)
  (let* ((skills (skill-lsp-skills-for-buffer))
         (table (mapcar (lambda (s) (cons (plist-get s :name) s)) skills))
         (completion-extra-properties
          (list :annotation-function
                (lambda (name)
                  (let ((s (cdr (assoc name table))))
                    (format "  [%s] %s" (plist-get s :activation)
                            (mapconcat #'identity (append (plist-get s :reasons) nil) "; ")))))))
    (if (null skills)
        (message "skill-lsp: no skill applies to this file")
      (let* ((name (completing-read "Skill: " table nil t))
             (skill (cdr (assoc name table)))
             (path (plist-get skill :path)))
        (if (and (stringp path) (file-exists-p path))
            (find-file path)
          (skill-lsp-execute "skill-lsp.showSkill" (vector (list :name name))))))))

;;;###autoload
(defun skill-lsp-reload ()
  "Reload every skill."
  (interactive)
  (skill-lsp-execute "skill-lsp.reload" [] (lambda (_) (message "skill-lsp: skills reloaded"))))

(provide 'skill-lsp)
;;; skill-lsp.el ends here
