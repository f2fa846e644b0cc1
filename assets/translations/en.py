"""English for every zh_CN source string; `python assets/translations/en.py` fills kiosk_en.ts and builds the .qm.

Run after `pyside6-lupdate` has collected new strings (see README, "Translations").
"""

EN = {
    "正在读卡，请不要拔卡。": "Reading your card. Please do not remove it.",
    "读卡成功。请选择要办理的事项。": "Card read. Please choose a service.",
    "正在读卡，请稍候…": "Reading the card, please wait…",
    "您好，%1": "Hello, %1",
    "已读取您的社保卡。请选择要办理的事项。": "Your social security card has been read. Please choose a service.",
    "请不要拔卡。": "Please do not remove the card.",
    "继续办理": "Continue",
    "选择事项": "Choose a service",
    "回到首页": "Back to start",
    "谢谢您的评价。办理完成，请取回您的社保卡。": "Thank you for your rating. All done; please take your card.",
    "办理完成，谢谢！": "All done, thank you!",
    "请取回您的社保卡。": "Please take your social security card.",
    "欢迎再来。": "Welcome back any time.",
    "办理其他事项": "Another service",
    "结束": "Finish",
    "请核对或填写下面的内容。点输入框后，用屏幕键盘输入。": "Please check or fill in the fields below, using the on-screen keyboard.",
    "（第 %1 / %2 页）": " (page %1 of %2)",
    "（选填）": " (optional)",
    "上一步": "Back",
    "下一页": "Next page",
    "下一步": "Next",
    "您好！请把社保卡插入右下方读卡口，或点击屏幕上的大按钮查看服务。": "Hello! Insert your social security card in the slot at the lower right, or touch a big button to see services.",
    "请插入社保卡": "Please insert your card",
    "芯片朝上": "Chip up",
    "读卡口在屏幕右下方，芯片朝上，插到底。": "The slot is at the lower right of the screen. Chip up, push all the way in.",
    "您还在吗？如需继续办理，请点击继续办理。": "Are you still there? Touch Continue to keep going.",
    "您还在吗？": "Are you still there?",
    "%1 秒后将清除本次填写的内容并回到首页，保护您的信息。": "In %1 seconds what you entered will be cleared to protect your information.",
    "结束办理": "End",
    "这里是最近一次从县里同步的信息。点上一页下一页翻看。": "This is the latest information from the county. Use the page buttons to browse.",
    "上一页": "Previous page",
    "社保卡已拔出。要继续办理，请把卡插回去；要结束，请点结束办理。": "Your card was removed. Put it back to continue, or touch End.",
    "社保卡已拔出": "Card removed",
    "要继续办理，请把同一张卡插回去。结束办理会清除已填写的内容。": "To continue, insert the same card again. Ending clears what you entered.",
    "人社自助服务终端": "Social Security Self-Service Terminal",
    "请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。": "Is the photo clear? Touch Use this one, or Retake.",
    "请把材料平放在高拍仪下方，放好后不要移动，会自动拍照。": "Lay the document flat under the camera and hold still; the photo is taken automatically.",
    "高拍仪暂不可用": "The document camera is unavailable",
    "第 %1 / %2 份材料": "Document %1 of %2",
    "现在拍照": "Take photo now",
    "使用这张": "Use this one",
    "重拍": "Retake",
    "请看办理须知，准备好材料后点击开始办理。": "Please read the notice, get your documents ready, then touch Start.",
    "需要拍照的材料：": "Documents to photograph: ",
    "本事项不需要拍照材料。": "No documents are needed for this service.",
    "办理时限：%1 个工作日": "Time limit: %1 working days",
    "办理时需要输入社保卡密码。": "You will need your card PIN.",
    "下面还有内容，请用手指向上滑动查看。": "There is more below: slide up with your finger to read it.",
    "本事项需要社保卡：请先插入社保卡。": "This service needs your social security card: please insert it first.",
    "返回": "Back",
    "开始办理": "Start",
    "删除": "Delete",
    "请用下方数字键输入社保卡密码，输完后点确认。周围有人时请注意遮挡。": "Enter your card PIN with the keys below, then touch OK. Shield the keys from others.",
    "请输入社保卡密码": "Enter your card PIN",
    "密码连续输错 3 次会锁卡，忘记密码请到窗口办理。": "Three wrong PINs lock the card. If you forgot it, please ask at the counter.",
    "确认": "OK",
    "请为本次服务评价。从非常满意到非常不满意，点一个就可以。": "Please rate this service: touch one, from very satisfied to very dissatisfied.",
    "非常满意": "Very satisfied",
    "满意": "Satisfied",
    "基本满意": "Fairly satisfied",
    "不满意": "Dissatisfied",
    "非常不满意": "Very dissatisfied",
    "等待时间长": "Long wait",
    "操作太复杂": "Too complicated",
    "字看不清": "Text hard to read",
    "设备有故障": "Device fault",
    "材料要求不清楚": "Unclear document requirements",
    "您对本次服务满意吗？": "Were you satisfied with this service?",
    "请告诉我们哪里不好（可多选，也可以不选）：": "What went wrong? (choose any, or none):",
    "不评价": "Skip",
    "提交评价": "Submit rating",
    "已受理。请记下屏幕上的受理编号，或取走打印的回执。然后请为本次服务评价。": "Accepted. Note the acceptance number or take the printed receipt, then please rate the service.",
    "已撤销": "Withdrawn",
    "已受理": "Accepted",
    "受理编号": "Acceptance number",
    "事项：%1": "Service: %1",
    "日期：%1": "Date: %1",
    "撤销办件": "Withdraw",
    "下一步：评价": "Next: rate",
    "扫码查询进度": "Scan to check progress",
    "请核对您填写的内容。无误请点确认提交，需要修改请点返回修改。": "Please check what you entered. Touch Submit if correct, or Change to edit.",
    "请核对：%1": "Please check: %1",
    "提交后 %1 分钟内，您可以在回执页面撤销。": "You can withdraw it on the receipt page within %1 minutes.",
    "返回修改": "Change",
    "第一页": "First page",
    "正在提交…": "Submitting…",
    "确认提交": "Submit",
    "请点击要办理的事项。也可以在搜索框里输入拼音查找。": "Touch a service, or search by typing pinyin.",
    "搜索：输入事项名称或拼音": "Search: service name or pinyin",
    "没有找到相关事项，请换个词试试，或到窗口咨询。": "Nothing found. Try another word, or ask at the counter.",
    "服务目录暂不可用，请到窗口办理。": "The service list is unavailable; please go to the counter.",
    "第 %1 / %2 页": "Page %1 of %2",
    "请用签名笔在签名板上签上您的名字，签好后点确认签名。": "Sign your name on the signature pad, then touch Confirm.",
    "请用手指在屏幕的白色框里签上您的名字，签好后点确认签名。": "Sign your name with your finger in the white box, then touch Confirm.",
    "请在签名板上签名": "Please sign on the pad",
    "请在下面白框里签名": "Please sign in the box below",
    "重新签名": "Sign again",
    "确认签名": "Confirm",
    "开": "on",
    "关": "off",
    "回首页": "Home",
    "长辈模式": "Large mode",
    "语音": "Voice",
    "重听": "Repeat",
    "技术员登录": "Technician login",  # diagnostics
    "技术员请登录。": "Technician, please log in.",  # diagnostics
    "设备诊断。": "Device diagnostics.",  # diagnostics
    "用户名": "User name",  # diagnostics
    "密码": "Password",  # diagnostics
    "登录": "Log in",  # diagnostics
    "全部检测": "Check all",  # diagnostics
    "触摸测试": "Touch test",  # diagnostics
    "退出": "Log out",  # diagnostics
    "故障工单（%1）": "Fault ticket (%1)",  # diagnostics
    "故障现象（不要填写群众信息）": "Symptom (no villager data)",  # diagnostics
    "生成工单并上报": "File and report ticket",  # diagnostics
    "APDU 控制台": "APDU console",  # diagnostics
    "发送": "Send",  # diagnostics
    "打印测试页": "Print test page",  # diagnostics
    "拔出": "Unplug ",  # diagnostics
    "插回": "Plug in ",  # diagnostics
    "检测": "Check",  # diagnostics
    "正常": "OK",  # diagnostics
    "注意": "Warning",  # diagnostics
    "故障": "Fault",  # diagnostics
    "未配置": "Not configured",  # diagnostics
    "未检测": "Not checked",  # diagnostics
    "重新测试": "Test again",  # diagnostics
    "完成": "Done",  # diagnostics
    # 我的查询 and the proofs printed from it (issue 13)
    "请选择要查询的内容：参保缴费记录、待遇、社保卡状态或我的办件。也可以打印参保证明；查过缴费记录或待遇后，还能打印权益记录单、缴费凭证和待遇权益单。": "Choose what to look up: contributions, benefits, card status or your applications. You can also print a proof of insurance; after looking up contributions or benefits you can print a statement of your record, a payment proof or a benefit statement.",
    "我的查询": "My records",
    "查询需要联网，结果只在本次办理中显示，离开后自动清除。": "Looking up needs the network. Results are shown only during this visit and are cleared when you leave.",
    "打印参保证明": "Print proof of insurance",
    "查询个人信息需要输入社保卡密码。请用下方数字键输入，输完后点确认。周围有人时请注意遮挡。": "To see your records, enter your card PIN on the keypad below, then touch Confirm. Shield the keypad if others are near.",
    "我的查询：请输入社保卡密码": "My records: enter your card PIN",
    "证明已出具。有打印机时请取走打印件；上面的二维码可以到县人社局核验。": "Your document is ready. If it printed, please take it; its QR code can be checked with the county social security bureau.",
    "社会保险参保证明": "Proof of social insurance",
    "社会保险个人权益记录单": "Social insurance personal record statement",
    "养老保险参保缴费凭证": "Pension contribution proof",
    "养老待遇权益单": "Pension benefit statement",
    "这是查询结果。需要纸质凭证请点打印按钮。看完请点返回。": "Here is the result. To get it on paper, touch a print button. Touch Back when you are done.",
    "打印本年缴费凭证": "Print this year's payment proof",
    "打印个人权益记录单": "Print record statement",
    "打印待遇权益单": "Print benefit statement",
    "协管员请登录。": "Clerk, please log in.",  # clerk mode
    "协管员登录（帮办、台账）": "Clerk login (assisted service, ledgers)",  # clerk mode
    "您有到期的台账，请查看提醒。": "Some ledgers are due. Please see the reminders.",  # clerk mode
    "协管员首页。": "Clerk home.",  # clerk mode
    "到期提醒": "Due reminders",  # clerk mode
    "没有到期的台账": "No ledgers due",  # clerk mode
    "本月统计": "This month's statistics",  # clerk mode
    "填报台账（上月）": "Ledgers (last month)",  # clerk mode
    "（已填 %1 条）": " (%1 entered)",  # clerk mode
    "报送本月统计": "Send this month's statistics",  # clerk mode
    "退出登录": "Log out",  # clerk mode
    "请填写%1": "Please fill in: %1",  # clerk mode
    "存草稿": "Save draft",  # clerk mode
    "提交这一条": "Submit this entry",  # clerk mode
    "本月填完，报送": "Month complete: report it",  # clerk mode
    # 帮办 on the touchscreen and the 3.0 card's offline ID entry (issues 9, 14)
    "请群众插入社保卡，或输入群众的身份证号码和姓名。": "Ask the resident to insert their card, or type their ID number and name.",
    "帮办：请群众插卡，或输入身份证号码": "Assisted service: card, or the resident's ID number",
    "身份证号码（18位）": "ID number (18 characters)",
    "群众姓名": "Resident's name",
    "返回协管员首页": "Back to the clerk's home",
    "确定": "OK",
    "请群众在白框里签名，同意由协管员代为办理；也可以拍下代办授权书。": "Ask the resident to sign in the white box to agree that the clerk acts for them, or photograph the signed authorisation form.",
    "为 %1 帮办：请群众签字同意": "Assisting %1: the resident's consent",
    "请把签好字的代办授权书平放在高拍仪下，然后点拍照": "Lay the signed authorisation form under the document camera, then touch Take photo",
    "换一位群众": "Another resident",
    "改为签字": "Sign instead",
    "拍代办授权书": "Photograph the authorisation form",
    "拍照": "Take photo",
    "帮办：替群众办理业务": "Assisted service: act for a resident",
    "网络暂时不通，请输入您的身份证号码，县里核对后生效。": "The network is down. Please type your ID number; it takes effect once the county has checked it.",
    "请输入身份证号码": "Please type your ID number",
    "18位身份证号码": "18-character ID number",
    "不办了": "Cancel",
}


def _write_messages(root) -> None:
    """The ``messages`` context (Python-built text, ui/i18n.py) afresh from messages_en.py: lupdate reads
    only QML, so it would mark these vanished and lrelease would drop them."""
    import xml.etree.ElementTree as ET

    from messages_en import MESSAGES

    for old in [c for c in root.findall("context") if c.findtext("name") == "messages"]:
        root.remove(old)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = "messages"
    for source, english in MESSAGES.items():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = english
    ET.indent(context, space="    ")
    context.tail = "\n"


def fill(ts_path, qm_path) -> list[str]:
    """Write the translations into the .ts file and compile the .qm; returns sources still untranslated."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    tree = ET.parse(ts_path)
    _write_messages(tree.getroot())
    missing = []
    qml_contexts = [c for c in tree.getroot().findall("context") if c.findtext("name") != "messages"]
    for message in (m for c in qml_contexts for m in c.iter("message")):
        source = message.find("source").text
        translation = message.find("translation")
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ts_path), "-qm", str(qm_path)], check=True, capture_output=True)
    return missing


if __name__ == "__main__":
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    left = fill(here / "kiosk_en.ts", here / "kiosk_en.qm")
    print("untranslated:", left or "none")
