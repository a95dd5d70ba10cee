/**
 * State of the Patients page for one channel: its rounding lists, the list on screen with its rows,
 * the changes the user makes, and live updates from colleagues (server-sent events).
 * Every change is followed by a refetch, so the screen always ends up showing what the server has.
 */
import { useState } from 'react';
import type { ChannelQuery, ColumnKey, ListRow, ListsChangedEvent, ListView, RoundingList } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { csvFileName, downloadText } from '../../shared/download';
import { useReloadable } from '../../shared/use-reloadable';
import type { Reloadable } from '../../shared/use-reloadable';
import { useChannelEvents } from '../events/use-channel-events';
import * as listsApi from '../lists-api';
import { orderLists, pickList } from './list-order';

export interface LiveNotice {
  by: string;
  at: Date;
}

export interface PatientsBoard {
  lists: Reloadable<RoundingList[]>;
  /** Lists in picker order (empty until loaded). */
  ordered: RoundingList[];
  selected: RoundingList | undefined;
  select: (listId: string) => void;
  /** The selected list's rows; `undefined` value only while no list exists. */
  view: Reloadable<ListView | undefined>;
  /** The last change a colleague made, for a polite status line. */
  liveNotice: LiveNotice | undefined;
  createList: (name: string) => Promise<void>;
  renameList: (name: string) => Promise<void>;
  deleteList: () => Promise<void>;
  setDefault: () => Promise<void>;
  setColumns: (columns: ColumnKey[]) => Promise<void>;
  removePatient: (row: ListRow) => Promise<void>;
  movePatient: (row: ListRow, toListId: string) => Promise<void>;
  exportCsv: () => Promise<void>;
  /** After a change made elsewhere on the page (patient added, edited, note): refetch rows and counts. */
  refresh: () => Promise<void>;
}

export function usePatientsBoard(api: ApiClient, channel: ChannelQuery): PatientsBoard {
  const lists = useReloadable(`${channel.teamId}/${channel.channelId}`, () => listsApi.fetchLists(api, channel));
  const [chosenId, setChosenId] = useState<string>();
  const [liveNotice, setLiveNotice] = useState<LiveNotice>();

  const ordered = lists.state.kind === 'loaded' ? orderLists(lists.state.value) : [];
  const selected = pickList(ordered, chosenId);
  const selectedId = selected?.id;
  const view = useReloadable(`${channel.teamId}/${channel.channelId}/${selectedId ?? ''}`, () =>
    selectedId ? listsApi.fetchListView(api, selectedId) : Promise.resolve(undefined),
  );

  async function refresh(): Promise<void> {
    await Promise.all([lists.reload(), view.reload()]);
  }

  function onEvent(event: ListsChangedEvent): void {
    setLiveNotice({ by: event.by, at: new Date() });
    // Counts and names live in the lists; rows only need a refetch when the change touched them.
    void lists.reload();
    if (event.kind === 'lists' || event.listId === selectedId) void view.reload();
  }
  useChannelEvents(api, channel, onEvent, () => void refresh());

  /** Shows a list the server just answered with at once, then refetches to be sure. */
  function applyList(updated: RoundingList): void {
    lists.replace((all) => all.map((list) => (list.id === updated.id ? updated : updated.isDefault ? { ...list, isDefault: false } : list)));
    view.replace((current) => (current && current.list.id === updated.id ? { ...current, list: updated } : current));
  }

  function requireSelected(): RoundingList {
    // The toolbar only offers list actions while a list is shown; reaching here without one is a bug.
    if (!selected) throw new Error('no rounding list is selected');
    return selected;
  }

  return {
    lists,
    ordered,
    selected,
    select: setChosenId,
    view,
    liveNotice,
    async createList(name) {
      const created = await listsApi.createList(api, channel, name);
      lists.replace((all) => [...all, created]);
      setChosenId(created.id);
      await lists.reload();
    },
    async renameList(name) {
      applyList(await listsApi.updateList(api, requireSelected().id, { name }));
      await lists.reload();
    },
    async deleteList() {
      const list = requireSelected();
      await listsApi.deleteList(api, list.id);
      lists.replace((all) => all.filter((other) => other.id !== list.id));
      setChosenId(undefined);
      await lists.reload();
    },
    async setDefault() {
      applyList(await listsApi.updateList(api, requireSelected().id, { isDefault: true }));
      await lists.reload();
    },
    async setColumns(columns) {
      applyList(await listsApi.updateList(api, requireSelected().id, { columns }));
    },
    async removePatient(row) {
      await listsApi.removePatient(api, requireSelected().id, row.entryId);
      view.replace((current) => current && { ...current, rows: current.rows.filter((other) => other.entryId !== row.entryId) });
      await refresh();
    },
    async movePatient(row, toListId) {
      await listsApi.movePatient(api, requireSelected().id, row.entryId, toListId);
      view.replace((current) => current && { ...current, rows: current.rows.filter((other) => other.entryId !== row.entryId) });
      await refresh();
    },
    async exportCsv() {
      const list = requireSelected();
      const csv = await listsApi.exportListCsv(api, list.id, Intl.DateTimeFormat().resolvedOptions().timeZone);
      // Reading the answer as text drops the server's byte-order mark; Excel needs it to read UTF-8 ("°C", accents).
      downloadText(csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`, csvFileName(list.name), 'text/csv;charset=utf-8');
    },
    refresh,
  };
}
