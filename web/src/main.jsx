// GraphiQL with the explorer plugin, talking to /graphql on the same origin,
// with one tab per example question (web/queries/*.graphql).
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/dist/style.css';

import connected from '../queries/connected.graphql';
import asylum from '../queries/asylum-seekers-2023.graphql';
import rulings from '../queries/belgium-rulings.graphql';

const endpoint = new URL('graphql', window.location.origin + '/').toString();

async function fetcher(params, opts) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...(opts?.headers || {}) },
    body: JSON.stringify(params),
  });
  return res.json();
}

const tabs = [
  { query: connected },
  { query: asylum },
  { query: rulings },
];

const explorer = explorerPlugin();

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorer]}
      defaultTabs={tabs}
      defaultEditorToolsVisibility={false}
      shouldPersistHeaders={false}
    />
  );
}

createRoot(document.getElementById('root')).render(<App />);
