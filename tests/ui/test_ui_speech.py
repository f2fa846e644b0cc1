import shutil
import sys
import wave

import pytest

from ui.speech import ENGLISH_VOICE, VOICE, Speaker, build_prompts, synthesise, to_pinyin, voice_for, wav_name


def test_pinyin_with_tones_and_pauses_and_no_rare_names():
    assert to_pinyin("您好，请插卡。") == "nin2 hao3, qing3 cha1 ka3."
    assert "𠮷" not in to_pinyin("王𠮷华")
    assert to_pinyin("") == ""


def test_synthesise_real_espeak_wav_and_cache(tmp_path):
    path = synthesise("请插入社保卡", tmp_path / "cache", prebuilt_dir=tmp_path / "none")
    with wave.open(str(path)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 0.8 < seconds < 10
    assert path.name == wav_name("请插入社保卡")
    mtime = path.stat().st_mtime_ns
    assert synthesise("请插入社保卡", tmp_path / "cache", prebuilt_dir=tmp_path / "none").stat().st_mtime_ns == mtime


def test_english_prompts_are_spoken_in_english_not_dropped_by_pinyin(tmp_path):
    def no_pinyin(text):
        raise AssertionError(f"English prompt sent to pinyin: {text!r}")

    text = "Please insert your social security card."
    path = synthesise(text, tmp_path / "cache", prebuilt_dir=tmp_path / "none", pinyin=no_pinyin)
    with wave.open(str(path)) as w:
        assert w.getnframes() / w.getframerate() > 1.0
    assert voice_for(text) == ENGLISH_VOICE and voice_for("请插卡 card") == VOICE
    assert path.name == wav_name(text) != wav_name("请插入社保卡")


def test_prebuilt_prompts_are_used_first(tmp_path):
    [built] = build_prompts(["读卡成功"], tmp_path / "sounds")
    assert synthesise("读卡成功", tmp_path / "cache", prebuilt_dir=tmp_path / "sounds") == built
    assert not (tmp_path / "cache").exists()


def test_no_audio_device_gives_a_notice_not_a_crash(qtbot, tmp_path):
    speaker = Speaker(tmp_path)
    with qtbot.waitSignal(speaker.notice, timeout=10_000) as notice:
        speaker.say("您好")
    assert "扬声器" in notice.args[0] or "语音" in notice.args[0]
    speaker.wait_idle()


def test_switched_off_says_nothing(qtbot, tmp_path):
    speaker = Speaker(tmp_path, enabled=False)
    with qtbot.assertNotEmitted(speaker.spoken, wait=100):
        speaker.say("您好")
    assert not list(tmp_path.iterdir())


def test_every_screen_prompt_is_found_for_the_build_step(tmp_path):
    from ui.speech import fixed_prompts, main

    prompts = fixed_prompts()
    assert "正在读卡，请不要拔卡。" in prompts and "请为本次服务评价。从非常满意到非常不满意，点一个就可以。" in prompts
    assert len(prompts) >= 15
    assert main(["--build", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.wav"))) == len(prompts)


# ALSA's "null" device: a real aplay run that needs no sound card
NULL_DEVICE = ["aplay", "-q", "-D", "null"]
needs_aplay = pytest.mark.skipif(shutil.which("aplay") is None, reason="alsa-utils (scripts/setup.sh) not installed")


@needs_aplay
def test_prompt_is_played_by_a_child_and_no_notice_when_it_succeeds(qtbot, tmp_path):
    speaker = Speaker(tmp_path, player=NULL_DEVICE)
    with qtbot.assertNotEmitted(speaker.notice, wait=0):
        speaker.say("您好")
        assert speaker.wait_idle(20_000)
    assert [p.name for p in tmp_path.iterdir()] == [wav_name("您好")]  # made, then played from the cache


@needs_aplay
def test_a_player_that_fails_gives_one_notice(qtbot, tmp_path):
    speaker = Speaker(tmp_path, player=["aplay", "-q", "-D", "no_such_device_here"])
    with qtbot.waitSignal(speaker.notice, timeout=20_000) as notice:
        speaker.say("您好")
    assert notice.args == ["没有检测到扬声器，请看屏幕上的文字"]
    with qtbot.assertNotEmitted(speaker.notice, wait=0):
        speaker.say("您好")
        assert speaker.wait_idle(20_000)


def test_a_newer_prompt_ends_the_one_playing(qtbot, tmp_path):
    """The player child of an older prompt is ended at once (not played to its end) when a newer one comes."""
    started = tmp_path / "started"
    # a stand-in player that plays "forever" until ended; it says when it has started
    player = [sys.executable, "-c", f"import pathlib, sys, time; pathlib.Path({str(started)!r}).touch(); time.sleep(60)"]
    speaker = Speaker(tmp_path / "cache", player=player)
    speaker.say("您好")
    qtbot.waitUntil(started.exists, timeout=20_000)
    with qtbot.assertNotEmitted(speaker.notice, wait=0):  # ended by us: not a missing speaker
        speaker.stop()
        assert speaker.wait_idle(5_000)
