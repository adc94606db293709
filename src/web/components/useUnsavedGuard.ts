import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import type { ButtonProps } from 'antd';
import { type BlockerFunction, useBlocker } from 'react-router-dom';
import { useI18n } from '../app/i18n.tsx';

/**
 * Warns before a changed form is left: another page of the app asks first, and closing or
 * reloading the tab gets the browser's own question. Pass `onValuesChange` to the antd Form; call
 * `clean()` once the form is saved (before navigating away) or reset.
 *
 *   const unsaved = useUnsavedGuard();
 *   <Form onValuesChange={unsaved.onValuesChange}> … save → unsaved.clean(); navigate(…)
 */
export function useUnsavedGuard(active = true) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);
  // The blocker reads a ref: a save that cleans and navigates in one go must not be asked about.
  const dirtyRef = useRef(false);
  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) =>
        active &&
        dirtyRef.current &&
        (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
      [active],
    ),
  );
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('有未保存的修改', 'Unsaved changes'),
      content: t('离开此页，已填写的内容将丢失。确定离开吗？', 'Leaving this page discards what you entered. Leave anyway?'),
      okText: t('离开', 'Leave'),
      cancelText: t('留在此页', 'Stay'),
      okButtonProps: { danger: true, 'data-testid': 'leave-unsaved' } as ButtonProps,
      onOk: () => {
        asking.current = false;
        blocker.proceed?.();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset?.();
      },
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!active || !dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the question only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active, dirty]);
  const onValuesChange = useCallback(() => {
    dirtyRef.current = true;
    setDirty(true);
  }, []);
  const clean = useCallback(() => {
    dirtyRef.current = false;
    setDirty(false);
  }, []);
  return { dirty, onValuesChange, clean, markDirty: onValuesChange };
}

/**
 * The same question for a dialog or drawer: closing it (its ×, Esc, the mask, 取消) after a change
 * asks first; saving closes it without asking. The state is clean again once it has closed.
 *
 *   const guard = useCloseGuard(open, () => onClose(false));
 *   <Modal onCancel={guard.close}> <Form onValuesChange={guard.onValuesChange}>
 */
export function useCloseGuard(open: boolean, discard: () => void) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const dirty = useRef(false);
  // Reset when it closes, not when it opens: an effect run on opening can come after the first
  // keystroke (a fast typist, a scanner, a test) and would forget that change.
  useEffect(() => {
    if (!open) dirty.current = false;
  }, [open]);
  const onValuesChange = useCallback(() => {
    dirty.current = true;
  }, []);
  const close = () => {
    if (!dirty.current) return discard();
    modal.confirm({
      title: t('有未保存的修改', 'Unsaved changes'),
      content: t('关闭后，填写的内容将丢失。确定关闭吗？', 'Closing discards what you entered. Close anyway?'),
      okText: t('关闭', 'Close'),
      cancelText: t('继续填写', 'Keep editing'),
      okButtonProps: { danger: true, 'data-testid': 'discard-unsaved' } as ButtonProps,
      onOk: discard,
    });
  };
  return { onValuesChange, close };
}
