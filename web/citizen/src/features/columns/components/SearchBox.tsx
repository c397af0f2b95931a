import { useState } from 'react';
import { go } from '../../../lib/route.ts';

/** 搜索: over published articles and public answers; Chinese words are found inside longer ones. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  return (
    <form
      role="search"
      className="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <input
        type="search"
        aria-label="搜索"
        placeholder="搜索办事指南、区情、新闻"
        enterKeyHint="search"
        maxLength={50}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      <button type="submit">搜索</button>
    </form>
  );
}
