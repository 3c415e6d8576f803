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

	/**
	 * Shows a toast for `ms` milliseconds (default 8 s); keeps at most four on screen. The same message
	 * already on screen is not shown twice: its time is renewed instead.
	 */
	push(toast: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }, ms = 8000): number {
		const same = this.items.find(
			(t) => t.title === toast.title && t.text === toast.text && t.href === toast.href && t.tone === (toast.tone ?? 'info')
		);
		if (same) {
			clearTimeout(this.#timers.get(same.id));
			this.#timers.set(
				same.id,
				setTimeout(() => this.dismiss(same.id), ms)
			);
			return same.id;
		}
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
