import threading

from kiosk.domain import Holder, mask_id_number, mask_name
from kiosk.events import DeviceStateChanged, EventHub, SessionEnded


def test_hub_delivers_by_type_and_survives_a_broken_handler():
    hub = EventHub()
    seen = []
    hub.subscribe(DeviceStateChanged, lambda e: 1 / 0)
    unsubscribe = hub.subscribe(DeviceStateChanged, seen.append)
    hub.subscribe(SessionEnded, lambda e: seen.append("wrong"))
    event = DeviceStateChanged("card", "ready")
    hub.publish(event)
    assert seen == [event]
    unsubscribe()
    hub.publish(event)
    assert seen == [event]


def test_hub_is_thread_safe_under_concurrent_publish():
    hub = EventHub()
    count = []
    lock = threading.Lock()

    def handler(_):
        with lock:
            count.append(1)

    hub.subscribe(DeviceStateChanged, handler)
    threads = [threading.Thread(target=lambda: [hub.publish(DeviceStateChanged("x", "y")) for _ in range(200)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(count) == 800


def test_masking():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳𠮷祥") == "欧**祥"
    assert mask_id_number("110101199003071234") == "110101********1234"
    holder = Holder(id_number="110101199003071234", name="王䶮㑇")
    assert "110101199003071234" not in repr(holder) and "䶮" not in repr(holder) and "王*㑇" in repr(holder)
