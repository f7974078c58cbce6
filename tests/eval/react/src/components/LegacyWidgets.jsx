import React, { useState } from 'react';
import ReactDOM from 'react-dom';
import PropTypes from 'prop-types';
import { loadDraft } from '../drafts';

export function MarkdownPreview({ html }) {
  return <article dangerouslySetInnerHTML={{ __html: html }} />; // expect: react/dangerous-html
}

export function DraftEditor({ id }) {
  const [draft, setDraft] = useState(JSON.parse(localStorage.getItem(`draft:${id}`) ?? '{}')); // expect: react/eager-state-init
  const [saved, setSaved] = useState(loadDraft(id)); // expect: react/eager-state-init
  const [lazy] = useState(() => loadDraft(id)); // near: react/eager-state-init
  const [count] = useState(Number(id)); // near: react/eager-state-init
  return <textarea value={draft.text ?? saved.text ?? lazy.text} data-count={count} onChange={(e) => setDraft({ text: e.target.value })} onBlur={() => setSaved(draft)} />;
}

export function Avatar({ size, url }) {
  return <img src={url} width={size} height={size} alt="" />;
}

Avatar.defaultProps = { size: 40 }; // expect: react/default-props
Avatar.propTypes = { size: PropTypes.number, url: PropTypes.string }; // expect: react/prop-types
Avatar.displayName = 'Avatar'; // near: react/default-props
const avatarDefaults = { size: 40 }; // near: react/prop-types

export function mount(el) {
  ReactDOM.render(<Avatar url="/me.png" {...avatarDefaults} />, el); // expect: react/legacy-root-api
}
