import { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';
import { fetchStats, type Stats } from '../api/stats';
import { TodoRow, type Todo } from './TodoRow';

export function Clock() {
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const id = setInterval(() => { // expect: react/effect-without-cleanup
      setNow(Date.now());
    }, 1000);
  }, []);

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000); // near: react/effect-without-cleanup
    return () => clearInterval(id);
  }, []);

  return <time>{new Date(now).toLocaleTimeString()}</time>;
}

export function ResizeAware({ onResize }: { onResize: () => void }) {
  useEffect(() => {
    document.title = 'Dashboard';
  }, []);

  useEffect(() => {
    window.addEventListener('resize', onResize); // expect: react/effect-without-cleanup
  }, [onResize]);

  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('scroll', onResize, { signal: controller.signal }); // near: react/effect-without-cleanup
    return () => controller.abort();
  }, [onResize]);

  return null;
}

export function StatsPanel({ teamId }: { teamId: string }) {
  const [stats, setStats] = useState<Stats | null>(null);

  useEffect(async () => { // expect: react/async-effect
    setStats(await fetchStats(teamId));
  }, [teamId]);

  useEffect(() => { // near: react/async-effect
    let ignore = false;
    const load = async () => {
      const next = await fetchStats(teamId);
      if (!ignore) setStats(next);
    };
    void load();
    return () => {
      ignore = true;
    };
  }, [teamId]);

  return <pre className="stats">{JSON.stringify(stats)}</pre>;
}

export function TodoList({ todos }: { todos: Todo[] }) {
  return (
    <ul>
      {todos.map((todo, index) => <TodoRow key={index} todo={todo} />)} {/* expect: react/index-key */}
      {todos.map((todo, i) => <TodoRow key={String(i)} todo={todo} />)} {/* expect: react/index-key */}
      {todos.map((todo) => <TodoRow key={Math.random()} todo={todo} />)} {/* expect: react/random-key */}
      {todos.map((todo) => <TodoRow key={todo.id} todo={todo} />)} {/* near: react/index-key */}
      {todos.map((todo) => <TodoRow key={`${todo.listId}-${todo.id}`} todo={todo} />)} {/* near: react/random-key */}
    </ul>
  );
}

export function CommentBody({ html, text }: { html: string; text: string }) {
  return (
    <>
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} /> {/* near: react/dangerous-html */}
      <p>{text}</p>
    </>
  );
}
