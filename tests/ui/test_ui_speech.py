import wave

from ui.speech import Speaker, build_prompts, synthesise, to_pinyin, wav_name


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
