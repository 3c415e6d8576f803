/** Short-lived messages in a corner of the screen (new notifications, confirmations). */

export interface Toast {
	id: number;
	title: string;
	text?: string;
	href?: string;
	tone: 'info' | 'success' | 'error';
}

export class Toasts {
	items = $state<Toast[]>([]);
	#next = 1;
	#timers = new Map<number, ReturnType<typeof setTimeout>>();

	/** Shows a toast for `ms` milliseconds (default 8 s); keeps at most four on screen. */
	push(toast: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }, ms = 8000): number {
		const id = this.#next++;
		const item: Toast = { ...toast, tone: toast.tone ?? 'info', id };
		this.items = [...this.items, item].slice(-4);
		this.#timers.set(
			id,
			setTimeout(() => this.dismiss(id), ms)
		);
		return id;
	}

	dismiss(id: number): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.items = this.items.filter((t) => t.id !== id);
	}
}
