// Svelte actions shared by components.

/** Moves the keyboard focus to the element when it appears. */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
