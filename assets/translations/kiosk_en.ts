<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Card</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="7" />
        <source>正在读卡，请不要拔卡。</source>
        <translation>Reading your card. Please do not remove it.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="8" />
        <source>读卡成功。请选择要办理的事项。</source>
        <translation>Card read. Please choose a service.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="20" />
        <source>正在读卡，请稍候…</source>
        <translation>Reading the card, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="21" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="40" />
        <source>已读取您的社保卡。请选择要办理的事项。</source>
        <translation>Your social security card has been read. Please choose a service.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="41" />
        <source>请不要拔卡。</source>
        <translation>Please do not remove the card.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="51" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="51" />
        <source>选择事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Card.qml" line="58" />
        <source>回到首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>ClerkAssist</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="9" />
        <source>请群众插入社保卡，或输入群众的身份证号码和姓名。</source>
        <translation>Ask the resident to insert their card, or type their ID number and name.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="17" />
        <source>帮办：请群众插卡，或输入身份证号码</source>
        <translation>Assisted service: card, or the resident's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="24" />
        <source>身份证号码（18位）</source>
        <translation>ID number (18 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="28" />
        <source>群众姓名</source>
        <translation>Resident's name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="32" />
        <source>返回协管员首页</source>
        <translation>Back to the clerk's home</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkAssist.qml" line="34" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ClerkConsent</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="9" />
        <source>请群众在白框里签名，同意由协管员代为办理；也可以拍下代办授权书。</source>
        <translation>Ask the resident to sign in the white box to agree that the clerk acts for them, or photograph the signed authorisation form.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="14" />
        <source>为 %1 帮办：请群众签字同意</source>
        <translation>Assisting %1: the resident's consent</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="49" />
        <source>请把签好字的代办授权书平放在高拍仪下，然后点拍照</source>
        <translation>Lay the signed authorisation form under the document camera, then touch Take photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="54" />
        <source>换一位群众</source>
        <translation>Another resident</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="57" />
        <source>改为签字</source>
        <translation>Sign instead</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="57" />
        <source>拍代办授权书</source>
        <translation>Photograph the authorisation form</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="60" />
        <source>重新签名</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="63" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkConsent.qml" line="63" />
        <source>确认签名</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>ClerkHome</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="7" />
        <source>您有到期的台账，请查看提醒。</source>
        <translation>Some ledgers are due. Please see the reminders.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="7" />
        <source>协管员首页。</source>
        <translation>Clerk home.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="21" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="22" />
        <source>到期提醒</source>
        <translation>Due reminders</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="28" />
        <source>没有到期的台账</source>
        <translation>No ledgers due</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="29" />
        <source>本月统计</source>
        <translation>This month's statistics</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="50" />
        <source>帮办：替群众办理业务</source>
        <translation>Assisted service: act for a resident</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="58" />
        <source>填报台账（上月）</source>
        <translation>Ledgers (last month)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="64" />
        <source>（已填 %1 条）</source>
        <translation> (%1 entered)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="55" />
        <source>报送本月统计</source>
        <translation>Send this month's statistics</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="56" />
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>ClerkLedger</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="9" />
        <source>请填写%1</source>
        <translation>Please fill in: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="41" />
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="62" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="63" />
        <source>存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="64" />
        <source>提交这一条</source>
        <translation>Submit this entry</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLedger.qml" line="65" />
        <source>本月填完，报送</source>
        <translation>Month complete: report it</translation>
    </message>
</context>
<context>
    <name>ClerkLogin</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="7" />
        <source>协管员请登录。</source>
        <translation>Clerk, please log in.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="12" />
        <source>协管员登录（帮办、台账）</source>
        <translation>Clerk login (assisted service, ledgers)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="13" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="14" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="18" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkLogin.qml" line="20" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>ConfirmId</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="9" />
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="18" />
        <source>网络暂时不通，请输入您的身份证号码，县里核对后生效。</source>
        <translation>The network is down. Please type your ID number; it takes effect once the county has checked it.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="17" />
        <source>请输入身份证号码</source>
        <translation>Please type your ID number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="25" />
        <source>18位身份证号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="32" />
        <source>不办了</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ConfirmId.qml" line="34" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Diag</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="9" />
        <source>技术员请登录。</source>
        <translation>Technician, please log in.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="9" />
        <source>设备诊断。</source>
        <translation>Device diagnostics.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="30" />
        <source>技术员登录</source>
        <translation>Technician login</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="31" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="32" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="35" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="37" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="74" />
        <source>全部检测</source>
        <translation>Check all</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="75" />
        <source>触摸测试</source>
        <translation>Touch test</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="76" />
        <source>退出</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="78" />
        <source>故障工单（%1）</source>
        <translation>Fault ticket (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="79" />
        <source>故障现象（不要填写群众信息）</source>
        <translation>Symptom (no villager data)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="81" />
        <source>生成工单并上报</source>
        <translation>File and report ticket</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="84" />
        <source>APDU 控制台</source>
        <translation>APDU console</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="88" />
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="100" />
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="111" />
        <source>拔出</source>
        <translation>Unplug </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Diag.qml" line="111" />
        <source>插回</source>
        <translation>Plug in </translation>
    </message>
</context>
<context>
    <name>DiagPanel</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="11" />
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="11" />
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="11" />
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="11" />
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="11" />
        <source>未检测</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagPanel.qml" line="32" />
        <source>检测</source>
        <translation>Check</translation>
    </message>
</context>
<context>
    <name>DiagTouch</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagTouch.qml" line="30" />
        <source>重新测试</source>
        <translation>Test again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/DiagTouch.qml" line="31" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>Done</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="6" />
        <source>谢谢您的评价。办理完成，请取回您的社保卡。</source>
        <translation>Thank you for your rating. All done; please take your card.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="11" />
        <source>办理完成，谢谢！</source>
        <translation>All done, thank you!</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="12" />
        <source>请取回您的社保卡。</source>
        <translation>Please take your social security card.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="12" />
        <source>欢迎再来。</source>
        <translation>Welcome back any time.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="16" />
        <source>办理其他事项</source>
        <translation>Another service</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Done.qml" line="17" />
        <source>结束</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="9" />
        <source>请核对或填写下面的内容。点输入框后，用屏幕键盘输入。</source>
        <translation>Please check or fill in the fields below, using the on-screen keyboard.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="25" />
        <source>（第 %1 / %2 页）</source>
        <translation> (page %1 of %2)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="33" />
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="79" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="84" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Form.qml" line="84" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Home.qml" line="6" />
        <source>您好！请把社保卡插入右下方读卡口，或点击屏幕上的大按钮查看服务。</source>
        <translation>Hello! Insert your social security card in the slot at the lower right, or touch a big button to see services.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Home.qml" line="22" />
        <source>请插入社保卡</source>
        <translation>Please insert your card</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Home.qml" line="45" />
        <source>芯片朝上</source>
        <translation>Chip up</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Home.qml" line="58" />
        <source>读卡口在屏幕右下方，芯片朝上，插到底。</source>
        <translation>The slot is at the lower right of the screen. Chip up, push all the way in.</translation>
    </message>
</context>
<context>
    <name>Idle</name>
    <message>
        <location filename="../../ui/qml/Kiosk/Idle.qml" line="8" />
        <source>您还在吗？如需继续办理，请点击继续办理。</source>
        <translation>Are you still there? Touch Continue to keep going.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Idle.qml" line="16" />
        <source>您还在吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Idle.qml" line="19" />
        <source>%1 秒后将清除本次填写的内容并回到首页，保护您的信息。</source>
        <translation>In %1 seconds what you entered will be cleared to protect your information.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Idle.qml" line="26" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/Idle.qml" line="32" />
        <source>结束办理</source>
        <translation>End</translation>
    </message>
</context>
<context>
    <name>Info</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Info.qml" line="8" />
        <source>这里是最近一次从县里同步的信息。点上一页下一页翻看。</source>
        <translation>This is the latest information from the county. Use the page buttons to browse.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Info.qml" line="36" />
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Info.qml" line="37" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>Leave</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Leave.qml" line="7" />
        <source>社保卡已拔出。要继续办理，请把卡插回去；要结束，请点结束办理。</source>
        <translation>Your card was removed. Put it back to continue, or touch End.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Leave.qml" line="12" />
        <source>社保卡已拔出</source>
        <translation>Card removed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Leave.qml" line="13" />
        <source>要继续办理，请把同一张卡插回去。结束办理会清除已填写的内容。</source>
        <translation>To continue, insert the same card again. Ending clears what you entered.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Leave.qml" line="17" />
        <source>结束办理</source>
        <translation>End</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Kiosk/Main.qml" line="14" />
        <source>人社自助服务终端</source>
        <translation>Social Security Self-Service Terminal</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="10" />
        <source>请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。</source>
        <translation>Is the photo clear? Touch Use this one, or Retake.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="11" />
        <source>请把材料平放在高拍仪下方，放好后不要移动，会自动拍照。</source>
        <translation>Lay the document flat under the camera and hold still; the photo is taken automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="54" />
        <source>高拍仪暂不可用</source>
        <translation>The document camera is unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="63" />
        <source>第 %1 / %2 份材料</source>
        <translation>Document %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="81" />
        <source>现在拍照</source>
        <translation>Take photo now</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="88" />
        <source>使用这张</source>
        <translation>Use this one</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="95" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="102" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="8" />
        <source>请看办理须知，准备好材料后点击开始办理。</source>
        <translation>Please read the notice, get your documents ready, then touch Start.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="24" />
        <source>需要拍照的材料：</source>
        <translation>Documents to photograph: </translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="28" />
        <source>本事项不需要拍照材料。</source>
        <translation>No documents are needed for this service.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="32" />
        <source>办理时限：%1 个工作日</source>
        <translation>Time limit: %1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="36" />
        <source>办理时需要输入社保卡密码。</source>
        <translation>You will need your card PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="50" />
        <source>下面还有内容，请用手指向上滑动查看。</source>
        <translation>There is more below: slide up with your finger to read it.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="57" />
        <source>本事项需要社保卡：请先插入社保卡。</source>
        <translation>This service needs your social security card: please insert it first.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="63" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="68" />
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/NumPad.qml" line="23" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>Pin</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Pin.qml" line="8" />
        <source>请用下方数字键输入社保卡密码，输完后点确认。周围有人时请注意遮挡。</source>
        <translation>Enter your card PIN with the keys below, then touch OK. Shield the keys from others.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Pin.qml" line="16" />
        <source>请输入社保卡密码</source>
        <translation>Enter your card PIN</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Pin.qml" line="33" />
        <source>密码连续输错 3 次会锁卡，忘记密码请到窗口办理。</source>
        <translation>Three wrong PINs lock the card. If you forgot it, please ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Pin.qml" line="36" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Pin.qml" line="38" />
        <source>确认</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QueryHome</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryHome.qml" line="7" />
        <source>请选择要查询的内容：参保缴费记录、待遇、社保卡状态或我的办件。也可以打印参保证明；查过缴费记录或待遇后，还能打印权益记录单、缴费凭证和待遇权益单。</source>
        <translation>Choose what to look up: contributions, benefits, card status or your applications. You can also print a proof of insurance; after looking up contributions or benefits you can print a statement of your record, a payment proof or a benefit statement.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryHome.qml" line="12" />
        <source>我的查询</source>
        <translation>My records</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryHome.qml" line="13" />
        <source>查询需要联网，结果只在本次办理中显示，离开后自动清除。</source>
        <translation>Looking up needs the network. Results are shown only during this visit and are cleared when you leave.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryHome.qml" line="29" />
        <source>打印参保证明</source>
        <translation>Print proof of insurance</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryHome.qml" line="30" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>QueryLayer</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryLayer.qml" line="14" />
        <source>我的查询</source>
        <translation>My records</translation>
    </message>
</context>
<context>
    <name>QueryPin</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryPin.qml" line="8" />
        <source>查询个人信息需要输入社保卡密码。请用下方数字键输入，输完后点确认。周围有人时请注意遮挡。</source>
        <translation>To see your records, enter your card PIN on the keypad below, then touch Confirm. Shield the keypad if others are near.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryPin.qml" line="16" />
        <source>我的查询：请输入社保卡密码</source>
        <translation>My records: enter your card PIN</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryPin.qml" line="33" />
        <source>密码连续输错 3 次会锁卡，忘记密码请到窗口办理。</source>
        <translation>Three wrong PINs lock the card. If you forgot it, please ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryPin.qml" line="36" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryPin.qml" line="38" />
        <source>确认</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QueryProof</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="8" />
        <source>证明已出具。有打印机时请取走打印件；上面的二维码可以到县人社局核验。</source>
        <translation>Your document is ready. If it printed, please take it; its QR code can be checked with the county social security bureau.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="10" />
        <source>社会保险参保证明</source>
        <translation>Proof of social insurance</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="11" />
        <source>社会保险个人权益记录单</source>
        <translation>Social insurance personal record statement</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="12" />
        <source>养老保险参保缴费凭证</source>
        <translation>Pension contribution proof</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="13" />
        <source>养老待遇权益单</source>
        <translation>Pension benefit statement</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryProof.qml" line="38" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>QueryResult</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryResult.qml" line="9" />
        <source>这是查询结果。需要纸质凭证请点打印按钮。看完请点返回。</source>
        <translation>Here is the result. To get it on paper, touch a print button. Touch Back when you are done.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryResult.qml" line="46" />
        <source>打印本年缴费凭证</source>
        <translation>Print this year's payment proof</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryResult.qml" line="53" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryResult.qml" line="59" />
        <source>打印个人权益记录单</source>
        <translation>Print record statement</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/QueryResult.qml" line="59" />
        <source>打印待遇权益单</source>
        <translation>Print benefit statement</translation>
    </message>
</context>
<context>
    <name>Rating</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="8" />
        <source>请为本次服务评价。从非常满意到非常不满意，点一个就可以。</source>
        <translation>Please rate this service: touch one, from very satisfied to very dissatisfied.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="12" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="13" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="14" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="15" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="16" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="18" />
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="18" />
        <source>操作太复杂</source>
        <translation>Too complicated</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="18" />
        <source>字看不清</source>
        <translation>Text hard to read</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="18" />
        <source>设备有故障</source>
        <translation>Device fault</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="18" />
        <source>材料要求不清楚</source>
        <translation>Unclear document requirements</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="24" />
        <source>您对本次服务满意吗？</source>
        <translation>Were you satisfied with this service?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="41" />
        <source>请告诉我们哪里不好（可多选，也可以不选）：</source>
        <translation>What went wrong? (choose any, or none):</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="63" />
        <source>不评价</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Rating.qml" line="67" />
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="7" />
        <source>已受理。请记下屏幕上的受理编号，或取走打印的回执。然后请为本次服务评价。</source>
        <translation>Accepted. Note the acceptance number or take the printed receipt, then please rate the service.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="14" />
        <source>已撤销</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="14" />
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="17" />
        <source>受理编号</source>
        <translation>Acceptance number</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="25" />
        <source>事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="26" />
        <source>日期：%1</source>
        <translation>Date: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="29" />
        <source>办理时限：%1 个工作日</source>
        <translation>Time limit: %1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="43" />
        <source>撤销办件</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="48" />
        <source>下一步：评价</source>
        <translation>Next: rate</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Receipt.qml" line="65" />
        <source>扫码查询进度</source>
        <translation>Scan to check progress</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="8" />
        <source>请核对您填写的内容。无误请点确认提交，需要修改请点返回修改。</source>
        <translation>Please check what you entered. Touch Submit if correct, or Change to edit.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="18" />
        <source>请核对：%1</source>
        <translation>Please check: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="46" />
        <source>提交后 %1 分钟内，您可以在回执页面撤销。</source>
        <translation>You can withdraw it on the receipt page within %1 minutes.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="51" />
        <source>返回修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="54" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="54" />
        <source>第一页</source>
        <translation>First page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="60" />
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Review.qml" line="60" />
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="8" />
        <source>请点击要办理的事项。也可以在搜索框里输入拼音查找。</source>
        <translation>Touch a service, or search by typing pinyin.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="31" />
        <source>搜索：输入事项名称或拼音</source>
        <translation>Search: service name or pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="37" />
        <source>没有找到相关事项，请换个词试试，或到窗口咨询。</source>
        <translation>Nothing found. Try another word, or ask at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="38" />
        <source>服务目录暂不可用，请到窗口办理。</source>
        <translation>The service list is unavailable; please go to the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="62" />
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="67" />
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Services.qml" line="70" />
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>Signature</name>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="8" />
        <source>请用签名笔在签名板上签上您的名字，签好后点确认签名。</source>
        <translation>Sign your name on the signature pad, then touch Confirm.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="9" />
        <source>请用手指在屏幕的白色框里签上您的名字，签好后点确认签名。</source>
        <translation>Sign your name with your finger in the white box, then touch Confirm.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="15" />
        <source>请在签名板上签名</source>
        <translation>Please sign on the pad</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="15" />
        <source>请在下面白框里签名</source>
        <translation>Please sign in the box below</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="56" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="57" />
        <source>重新签名</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Signature.qml" line="59" />
        <source>确认签名</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>Switch2</name>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/Switch2.qml" line="22" />
        <source>开</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/Switch2.qml" line="22" />
        <source>关</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="16" />
        <source>回首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="46" />
        <source>长辈模式</source>
        <translation>Large mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="51" />
        <source>语音</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="56" />
        <source>重听</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>系统繁忙，请稍后再试或到窗口办理</source>
        <translation>The system is busy. Please try again later or ask at the counter</translation>
    </message>
    <message>
        <source>终端配置有误，请联系管理员</source>
        <translation>The terminal is not set up correctly. Please contact the administrator</translation>
    </message>
    <message>
        <source>存储空间不足，请联系管理员</source>
        <translation>The terminal's storage is full. Please contact the administrator</translation>
    </message>
    <message>
        <source>终端数据存储出错，请联系管理员</source>
        <translation>The terminal could not store data. Please contact the administrator</translation>
    </message>
    <message>
        <source>设备故障，请到窗口办理</source>
        <translation>A device is faulty. Please ask at the counter</translation>
    </message>
    <message>
        <source>终端正忙，办理结果暂未确认，请不要重复办理，稍后到窗口核实</source>
        <translation>The terminal is busy and your application is not confirmed yet. Please do not apply again; check at the counter later</translation>
    </message>
    <message>
        <source>办理未保存成功，请重新提交；如果还不行，请到窗口办理</source>
        <translation>Your application was not saved. Please submit it again; if that fails, please ask at the counter</translation>
    </message>
    <message>
        <source>终端已初始化，拒绝覆盖已有数据</source>
        <translation>The terminal is already set up; existing data was not overwritten</translation>
    </message>
    <message>
        <source>终端已初始化，拒绝覆盖已有密钥</source>
        <translation>The terminal is already set up; existing keys were not overwritten</translation>
    </message>
    <message>
        <source>服务目录有误，请联系管理员</source>
        <translation>The service catalog is faulty. Please contact the administrator</translation>
    </message>
    <message>
        <source>收到的更新包未通过校验，已忽略，终端继续使用原来的内容</source>
        <translation>An update failed its check and was ignored; the terminal keeps using what it had</translation>
    </message>
    <message>
        <source>回执二维码无法验证，请到窗口核实</source>
        <translation>The receipt QR code cannot be verified. Please check at the counter</translation>
    </message>
    <message>
        <source>签名数据已损坏，请重新签名</source>
        <translation>The signature data is damaged. Please sign again</translation>
    </message>
    <message>
        <source>帮办已结束，请重新登录</source>
        <translation>Assisted service has ended. Please log in again</translation>
    </message>
    <message>
        <source>这项业务请到乡镇或县里的窗口办理</source>
        <translation>Please apply for this at the township or county counter</translation>
    </message>
    <message>
        <source>请先请群众签字，或拍下代办授权书，再办理</source>
        <translation>First ask the resident to sign, or photograph the signed authorisation form</translation>
    </message>
    <message>
        <source>请先读卡或输入群众的身份证号码</source>
        <translation>First read the card or type the resident's ID number</translation>
    </message>
    <message>
        <source>请填写上门办理的日期</source>
        <translation>Please fill in the date of the home visit</translation>
    </message>
    <message>
        <source>没有这个用户</source>
        <translation>No such user</translation>
    </message>
    <message>
        <source>该用户名已存在</source>
        <translation>This user name is already taken</translation>
    </message>
    <message>
        <source>密码至少8位，须同时包含字母和数字</source>
        <translation>The password needs at least 8 characters, with letters and digits</translation>
    </message>
    <message>
        <source>首次登录，请先修改初始密码</source>
        <translation>First login: please change the initial password</translation>
    </message>
    <message>
        <source>账号已锁定，请稍后再试或联系管理员</source>
        <translation>The account is locked. Please try later or contact the administrator</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>用户名须为3-32位小写字母、数字或._-，以字母开头</source>
        <translation>A user name has 3 to 32 lower-case letters, digits or ._- and starts with a letter</translation>
    </message>
    <message>
        <source>新密码不能与原密码相同</source>
        <translation>The new password must differ from the old one</translation>
    </message>
    <message>
        <source>台账内容有误，请按提示修改</source>
        <translation>The ledger entry has mistakes. Please correct them as shown</translation>
    </message>
    <message>
        <source>月份格式应为 年-月，例如 {0}</source>
        <translation>Write the month as year-month, for example {0}</translation>
    </message>
    <message>
        <source>台账定义有误，请联系管理员</source>
        <translation>The ledger definition is faulty. Please contact the administrator</translation>
    </message>
    <message>
        <source>草稿无法打开：请用填写草稿的协管员账号登录</source>
        <translation>This draft cannot be opened: log in as the clerk who wrote it</translation>
    </message>
    <message>
        <source>没有这份草稿</source>
        <translation>No such draft</translation>
    </message>
    <message>
        <source>没有这个台账</source>
        <translation>No such ledger</translation>
    </message>
    <message>
        <source>本月该台账已经报送过了</source>
        <translation>This ledger has already been reported this month</translation>
    </message>
    <message>
        <source>请使用{0}位身份证号码（旧的{1}位号码请到窗口办理）</source>
        <translation>Please use the {0}-character ID number (for an old {1}-digit number, ask at the counter)</translation>
    </message>
    <message>
        <source>身份证号码应为{0}位</source>
        <translation>The ID number must have {0} characters</translation>
    </message>
    <message>
        <source>身份证号码只能是数字，最后一位可以是X</source>
        <translation>The ID number has only digits; the last one may be X</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期不对，请核对</source>
        <translation>The birth date inside the ID number is wrong. Please check it</translation>
    </message>
    <message>
        <source>身份证号码有误，请逐位核对</source>
        <translation>The ID number is wrong. Please check it digit by digit</translation>
    </message>
    <message>
        <source>银行卡号只能是数字</source>
        <translation>The bank card number has only digits</translation>
    </message>
    <message>
        <source>银行卡号应为{0}到{1}位数字</source>
        <translation>The bank card number has {0} to {1} digits</translation>
    </message>
    <message>
        <source>银行卡号有误，请逐位核对</source>
        <translation>The bank card number is wrong. Please check it digit by digit</translation>
    </message>
    <message>
        <source>日期格式不对，请按“年-月-日”填写，例如 {0}</source>
        <translation>Please write the date as year-month-day, for example {0}</translation>
    </message>
    <message>
        <source>日期太早，请核对</source>
        <translation>The date is too early. Please check it</translation>
    </message>
    <message>
        <source>这个日期不能晚于今天</source>
        <translation>This date cannot be after today</translation>
    </message>
    <message>
        <source>这个日期不能早于今天</source>
        <translation>This date cannot be before today</translation>
    </message>
    <message>
        <source>金额最多保留两位小数</source>
        <translation>An amount has at most two decimal places</translation>
    </message>
    <message>
        <source>请填写整数</source>
        <translation>Please enter a whole number</translation>
    </message>
    <message>
        <source>姓名应为{0}到{1}个字</source>
        <translation>A name has {0} to {1} characters</translation>
    </message>
    <message>
        <source>姓名只能是汉字（少数民族姓名可用“·”）</source>
        <translation>A name is written in Chinese characters (ethnic names may use “·”)</translation>
    </message>
    <message>
        <source>内容里有无法识别的字符</source>
        <translation>The text has characters that cannot be read</translation>
    </message>
    <message>
        <source>金额只能填数字，例如 {0} 或 {1}</source>
        <translation>An amount has only digits, for example {0} or {1}</translation>
    </message>
    <message>
        <source>打印机故障，回执已显示在屏幕上，请拍照保存或到窗口打印</source>
        <translation>The printer is faulty. Your receipt is on the screen: take a photo of it or have it printed at the counter</translation>
    </message>
    <message>
        <source>打印字体缺失，请联系技术人员</source>
        <translation>The printer font is missing. Please contact the technician</translation>
    </message>
    <message>
        <source>打印超时，回执已显示在屏幕上，请拍照保存或到窗口打印</source>
        <translation>Printing timed out. Your receipt is on the screen: take a photo of it or have it printed at the counter</translation>
    </message>
    <message>
        <source>打印机缺纸，回执已显示在屏幕上，请拍照保存或请工作人员加纸</source>
        <translation>The printer is out of paper. Your receipt is on the screen: take a photo of it or ask staff to add paper</translation>
    </message>
    <message>
        <source>打印机未连接，回执已显示在屏幕上，请拍照保存或到窗口打印</source>
        <translation>The printer is not connected. Your receipt is on the screen: take a photo of it or have it printed at the counter</translation>
    </message>
    <message>
        <source>签名板故障，请在屏幕上签名</source>
        <translation>The signature pad is faulty. Please sign on the screen</translation>
    </message>
    <message>
        <source>签名板型号无法识别，请工作人员在设置中选择签名板协议</source>
        <translation>The signature pad model is not recognised. Staff: choose its protocol in the settings</translation>
    </message>
    <message>
        <source>签名板未连接，请在屏幕上签名或请工作人员检查</source>
        <translation>The signature pad is not connected. Please sign on the screen or ask staff to check it</translation>
    </message>
    <message>
        <source>签名板没有响应，请在屏幕上签名或请工作人员检查</source>
        <translation>The signature pad does not respond. Please sign on the screen or ask staff to check it</translation>
    </message>
    <message>
        <source>高拍仪故障，请到窗口办理</source>
        <translation>The document camera is faulty. Please ask at the counter</translation>
    </message>
    <message>
        <source>高拍仪未连接，请联系工作人员</source>
        <translation>The document camera is not connected. Please ask staff for help</translation>
    </message>
    <message>
        <source>高拍仪程序出错，正在重新打开，请稍候</source>
        <translation>The document camera program failed. It is starting again, please wait</translation>
    </message>
    <message>
        <source>高拍仪画面全黑，请检查镜头或灯光</source>
        <translation>The document camera shows only black. Please check the lens or the light</translation>
    </message>
    <message>
        <source>高拍仪画面没有变化，请联系工作人员</source>
        <translation>The document camera picture does not change. Please ask staff for help</translation>
    </message>
    <message>
        <source>高拍仪画面异常，请联系工作人员</source>
        <translation>The document camera picture is not right. Please ask staff for help</translation>
    </message>
    <message>
        <source>读卡失败，请重新插卡；如果还不行，请到窗口办理</source>
        <translation>The card could not be read. Please insert it again; if that fails, please ask at the counter</translation>
    </message>
    <message>
        <source>社保卡认证未通过，请到窗口办理</source>
        <translation>The card failed authentication. Please ask at the counter</translation>
    </message>
    <message>
        <source>这张社保卡未通过真伪校验，请到窗口办理</source>
        <translation>This card failed the authenticity check. Please ask at the counter</translation>
    </message>
    <message>
        <source>县里的读卡服务暂时不能认证此卡，请到窗口办理</source>
        <translation>The county card service cannot check this card right now. Please ask at the counter</translation>
    </message>
    <message>
        <source>暂时连不上县里的读卡服务</source>
        <translation>The county card service cannot be reached right now</translation>
    </message>
    <message>
        <source>连接县里的读卡服务超时</source>
        <translation>The county card service did not answer in time</translation>
    </message>
    <message>
        <source>密码应为{0}位数字，请重新输入</source>
        <translation>The PIN has {0} digits. Please enter it again</translation>
    </message>
    <message>
        <source>社保卡密码已锁定，请带身份证到窗口解锁</source>
        <translation>The card PIN is locked. Please bring your ID card to the counter to unlock it</translation>
    </message>
    <message>
        <source>卡片数据无法识别，请重新插卡；如果还不行，请到窗口办理</source>
        <translation>The card data cannot be read. Please insert it again; if that fails, please ask at the counter</translation>
    </message>
    <message>
        <source>此卡需要安全模块(PSAM)才能读取，请到窗口办理</source>
        <translation>This card needs a security module (PSAM) to be read. Please ask at the counter</translation>
    </message>
    <message>
        <source>本终端的安全模块暂不支持读取此卡，请到窗口办理</source>
        <translation>This terminal's security module cannot read this card yet. Please ask at the counter</translation>
    </message>
    <message>
        <source>这不是社保卡，请插入社会保障卡</source>
        <translation>This is not a social security card. Please insert your social security card</translation>
    </message>
    <message>
        <source>读卡时卡片被拔出，请重新插卡</source>
        <translation>The card was removed while being read. Please insert it again</translation>
    </message>
    <message>
        <source>卡片没有响应，请拔出卡片后重新插入</source>
        <translation>The card does not respond. Please take it out and insert it again</translation>
    </message>
    <message>
        <source>请插入社保卡</source>
        <translation>Please insert your card</translation>
    </message>
    <message>
        <source>读卡器设置有误，请联系管理员</source>
        <translation>The card reader is set up wrongly. Please contact the administrator</translation>
    </message>
    <message>
        <source>读卡器未连接，请联系工作人员</source>
        <translation>The card reader is not connected. Please ask staff for help</translation>
    </message>
    <message>
        <source>读卡失败</source>
        <translation>The card could not be read</translation>
    </message>
    <message>
        <source>读卡器暂不能校验密码，请到窗口办理</source>
        <translation>The card reader cannot check the PIN now. Please ask at the counter</translation>
    </message>
    <message>
        <source>密码不对</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>还可以再试 {0} 次</source>
        <translation>{0} tries left</translation>
    </message>
    <message>
        <source>请把社保卡芯片朝上插到底。</source>
        <translation>Please insert the card chip up, all the way in.</translation>
    </message>
    <message>
        <source>请拔出卡片，擦一擦芯片后重新插入。</source>
        <translation>Please take the card out, wipe the chip and insert it again.</translation>
    </message>
    <message>
        <source>这不是社保卡，请插入您的社会保障卡。</source>
        <translation>This is not a social security card. Please insert yours.</translation>
    </message>
    <message>
        <source>密码已锁定，请带身份证到窗口解锁。</source>
        <translation>The PIN is locked. Please bring your ID card to the counter to unlock it.</translation>
    </message>
    <message>
        <source>读卡时卡被拔出，请重新插入，读完前不要拔卡。</source>
        <translation>The card came out while being read. Please insert it again and leave it in until reading is done.</translation>
    </message>
    <message>
        <source>本终端暂不能读取第三代社保卡的这项信息，请到窗口办理。</source>
        <translation>This terminal cannot read this part of a third-generation card yet. Please ask at the counter.</translation>
    </message>
    <message>
        <source>读卡器故障，请联系工作人员。</source>
        <translation>The card reader is faulty. Please ask staff for help.</translation>
    </message>
    <message>
        <source>请擦一擦芯片后重新插卡；如果还不行，请到窗口办理。</source>
        <translation>Please wipe the chip and insert the card again; if that fails, please ask at the counter.</translation>
    </message>
    <message>
        <source>请拔出卡片，到窗口办理。</source>
        <translation>Please take the card out and ask at the counter.</translation>
    </message>
    <message>
        <source>请带身份证到窗口核实这张卡。</source>
        <translation>Please bring your ID card to the counter to have this card checked.</translation>
    </message>
    <message>
        <source>请稍后重新插卡；如果还不行，请到窗口办理。</source>
        <translation>Please insert the card again a little later; if that fails, please ask at the counter.</translation>
    </message>
    <message>
        <source>请重新插卡；如果还不行，请到窗口办理。</source>
        <translation>Please insert the card again; if that fails, please ask at the counter.</translation>
    </message>
    <message>
        <source>网络暂时不通，请输入您的身份证号码，县里核对后生效。</source>
        <translation>The network is down. Please type your ID number; it takes effect once the county has checked it.</translation>
    </message>
    <message>
        <source>这张卡暂时读不出身份证号码，请输入身份证号码</source>
        <translation>The ID number cannot be read from this card now. Please type it</translation>
    </message>
    <message>
        <source>县平台响应超时，请稍后再试</source>
        <translation>The county platform did not answer in time. Please try again later</translation>
    </message>
    <message>
        <source>终端注册失败，请联系管理员</source>
        <translation>The terminal could not register. Please contact the administrator</translation>
    </message>
    <message>
        <source>县平台下发的更新包校验失败，未安装</source>
        <translation>An update from the county failed its check and was not installed</translation>
    </message>
    <message>
        <source>县平台下发的资料校验失败，已继续使用原版本</source>
        <translation>Information from the county failed its check; the previous version stays in use</translation>
    </message>
    <message>
        <source>没有可回退的上一版本</source>
        <translation>There is no earlier version to go back to</translation>
    </message>
    <message>
        <source>终端尚未注册到县平台，请联系管理员</source>
        <translation>The terminal is not registered with the county yet. Please contact the administrator</translation>
    </message>
    <message>
        <source>县平台地址有误</source>
        <translation>The county platform address is wrong</translation>
    </message>
    <message>
        <source>请先插入社保卡并输入密码</source>
        <translation>Please insert your card and enter the PIN first</translation>
    </message>
    <message>
        <source>请先输入社保卡密码</source>
        <translation>Please enter your card PIN first</translation>
    </message>
    <message>
        <source>数据格式有误</source>
        <translation>The data is not in the right format</translation>
    </message>
    <message>
        <source>查询请求无效，请重新查询</source>
        <translation>The request is not valid. Please ask again</translation>
    </message>
    <message>
        <source>查询请求已过期，请重新查询</source>
        <translation>The request has expired. Please ask again</translation>
    </message>
    <message>
        <source>终端时间有误，请联系管理员</source>
        <translation>The terminal's clock is wrong. Please contact the administrator</translation>
    </message>
    <message>
        <source>只能查询本人的信息，请插入本人的社保卡</source>
        <translation>You can only look up your own records. Please insert your own card</translation>
    </message>
    <message>
        <source>没有这个受理编号</source>
        <translation>No such application number</translation>
    </message>
    <message>
        <source>退回必须写明原因</source>
        <translation>A return needs a reason</translation>
    </message>
    <message>
        <source>没有查到您的参保记录，无法出具参保证明，请到窗口咨询</source>
        <translation>No insurance record was found, so no certificate can be issued. Please ask at the counter</translation>
    </message>
    <message>
        <source>设备未注册或已停用，请联系管理员</source>
        <translation>The device is not registered or was disabled. Please contact the administrator</translation>
    </message>
    <message>
        <source>数据签名校验失败</source>
        <translation>The data signature check failed</translation>
    </message>
    <message>
        <source>县平台维护中</source>
        <translation>The county platform is under maintenance</translation>
    </message>
    <message>
        <source>网络未连接</source>
        <translation>Network not connected</translation>
    </message>
    <message>
        <source>县平台证书与注册时不符，请联系管理员</source>
        <translation>The county platform's certificate has changed since registration. Please contact the administrator</translation>
    </message>
    <message>
        <source>网络未连接，暂时无法查询。查询需要联网，请稍后再试或到窗口咨询</source>
        <translation>The network is not connected, so nothing can be looked up now. Please try later or ask at the counter</translation>
    </message>
    <message>
        <source>网络不稳定，稍后自动重试</source>
        <translation>The network is unstable; it will retry by itself</translation>
    </message>
    <message>
        <source>设备证书已失效，请联系管理员</source>
        <translation>The device certificate is no longer valid. Please contact the administrator</translation>
    </message>
    <message>
        <source>终端存储空间不足，同步暂停</source>
        <translation>The terminal's storage is full; sending is paused</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>该账号不是协管员账号</source>
        <translation>This account is not a clerk account</translation>
    </message>
    <message>
        <source>该账号没有设备诊断权限</source>
        <translation>This account may not run device diagnostics</translation>
    </message>
    <message>
        <source>命令至少4个字节（CLA INS P1 P2）</source>
        <translation>A command has at least 4 bytes (CLA INS P1 P2)</translation>
    </message>
    <message>
        <source>请输入十六进制命令，例如 00 A4 04 00</source>
        <translation>Please type a hexadecimal command, for example 00 A4 04 00</translation>
    </message>
    <message>
        <source>数据库无法打开，工单未保存</source>
        <translation>The database cannot be opened; the ticket was not saved</translation>
    </message>
    <message>
        <source>协管员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>技术员</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>签名板故障，请到窗口办理</source>
        <translation>The signature pad is faulty. Please ask at the counter</translation>
    </message>
    <message>
        <source>读卡器故障，请到窗口办理</source>
        <translation>The card reader is faulty. Please ask at the counter</translation>
    </message>
    <message>
        <source>打印机故障，凭证将显示在屏幕上</source>
        <translation>The printer is faulty; documents will be shown on the screen</translation>
    </message>
    <message>
        <source>网络未连接，查询类业务暂不可用</source>
        <translation>The network is not connected; look-ups are unavailable for now</translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>正在打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>未连接或已停用</source>
        <translation>Not connected or disabled</translation>
    </message>
    <message>
        <source>缺纸</source>
        <translation>Out of paper</translation>
    </message>
    <message>
        <source>语音</source>
        <translation>Speech</translation>
    </message>
    <message>
        <source>网络与同步</source>
        <translation>Network and sync</translation>
    </message>
    <message>
        <source>存储</source>
        <translation>Storage</translation>
    </message>
    <message>
        <source>触摸屏</source>
        <translation>Touch screen</translation>
    </message>
    <message>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <source>签名板</source>
        <translation>Signature pad</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>读卡器暂不可用</source>
        <translation>Card reader unavailable</translation>
    </message>
    <message>
        <source>高拍仪暂不可用</source>
        <translation>Document camera unavailable</translation>
    </message>
    <message>
        <source>签名板暂不可用</source>
        <translation>Signature pad unavailable</translation>
    </message>
    <message>
        <source>打印机暂不可用</source>
        <translation>Printer unavailable</translation>
    </message>
    <message>
        <source>本机办理，数据保存在本机</source>
        <translation>Working on this terminal; data is kept here</translation>
    </message>
    <message>
        <source>您好，{0}</source>
        <translation>Hello, {0}</translation>
    </message>
    <message>
        <source>终端尚未注册到县平台</source>
        <translation>The terminal is not registered with the county yet</translation>
    </message>
    <message>
        <source>县平台证书与注册时不符</source>
        <translation>The county platform's certificate has changed since registration</translation>
    </message>
    <message>
        <source>设备证书已失效</source>
        <translation>The device certificate is no longer valid</translation>
    </message>
    <message>
        <source>终端存储空间不足</source>
        <translation>The terminal's storage is full</translation>
    </message>
    <message>
        <source>同步暂停</source>
        <translation>sending is paused</translation>
    </message>
    <message>
        <source>网络不稳定</source>
        <translation>The network is unstable</translation>
    </message>
    <message>
        <source>稍后自动重试</source>
        <translation>it will retry by itself</translation>
    </message>
    <message>
        <source>请联系管理员</source>
        <translation>please contact the administrator</translation>
    </message>
    <message>
        <source>县平台响应超时</source>
        <translation>The county platform did not answer in time</translation>
    </message>
    <message>
        <source>请稍后再试</source>
        <translation>please try again later</translation>
    </message>
    <message>
        <source>本机办理</source>
        <translation>Working on this terminal</translation>
    </message>
    <message>
        <source>数据保存在本机</source>
        <translation>data is kept here</translation>
    </message>
    <message>
        <source>网络正常</source>
        <translation>Network OK</translation>
    </message>
    <message>
        <source>{0} 件待上传</source>
        <translation>{0} waiting to be sent</translation>
    </message>
    <message>
        <source>联网后自动上传</source>
        <translation>sent automatically when the network is back</translation>
    </message>
    <message>
        <source>办件先保存在本机，联网后自动上报</source>
        <translation>Your applications are kept on this terminal and sent once it is online</translation>
    </message>
    <message>
        <source>办件先保存在本机</source>
        <translation>Your applications are kept on this terminal</translation>
    </message>
    <message>
        <source>联网后自动上报</source>
        <translation>sent automatically once it is online</translation>
    </message>
    <message>
        <source>没有检测到签名，请在签名区域签上您的名字</source>
        <translation>No signature found. Please sign your name in the signature area</translation>
    </message>
    <message>
        <source>签名太短，请重新签名</source>
        <translation>The signature is too short. Please sign again</translation>
    </message>
    <message>
        <source>签名太快了，请一笔一画重新签名</source>
        <translation>The signature was too fast. Please sign again, stroke by stroke</translation>
    </message>
    <message>
        <source>签名太小，请写大一点，重新签名</source>
        <translation>The signature is too small. Please sign again, larger</translation>
    </message>
    <message>
        <source>请把材料放在拍摄区</source>
        <translation>Please put the document in the photo area</translation>
    </message>
    <message>
        <source>请保持不动</source>
        <translation>Please hold still</translation>
    </message>
    <message>
        <source>已拍好，请取走材料</source>
        <translation>Done. Please take the document away</translation>
    </message>
    <message>
        <source>有反光，请调整角度</source>
        <translation>There is glare. Please change the angle</translation>
    </message>
    <message>
        <source>请把材料放在拍摄区中间</source>
        <translation>Please put the document in the middle of the photo area</translation>
    </message>
    <message>
        <source>请把材料完整放进拍摄区</source>
        <translation>Please put the whole document inside the photo area</translation>
    </message>
    <message>
        <source>请把证件放平</source>
        <translation>Please lay the document flat</translation>
    </message>
    <message>
        <source>请把材料平放在高拍仪下方</source>
        <translation>Please lay the document flat under the document camera</translation>
    </message>
    <message>
        <source>高拍仪暂不可用，请到窗口办理</source>
        <translation>The document camera is unavailable. Please ask at the counter</translation>
    </message>
    <message>
        <source>签名板暂不可用，请在屏幕上签名</source>
        <translation>The signature pad is unavailable. Please sign on the screen</translation>
    </message>
    <message>
        <source>找工作</source>
        <translation>Find work</translation>
    </message>
    <message>
        <source>求职登记、招聘信息</source>
        <translation>Job registration, vacancies</translation>
    </message>
    <message>
        <source>学技术</source>
        <translation>Learn a skill</translation>
    </message>
    <message>
        <source>职业培训、技能补贴</source>
        <translation>Training, skill subsidies</translation>
    </message>
    <message>
        <source>办社保</source>
        <translation>Social insurance</translation>
    </message>
    <message>
        <source>养老、医疗、工伤、认证</source>
        <translation>Pension, medical, injury, certification</translation>
    </message>
    <message>
        <source>用社保卡</source>
        <translation>Your card</translation>
    </message>
    <message>
        <source>挂失、补换、查询</source>
        <translation>Report lost, replace, look up</translation>
    </message>
    <message>
        <source>政策查询</source>
        <translation>Policies</translation>
    </message>
    <message>
        <source>最新政策和通知</source>
        <translation>Latest policies and notices</translation>
    </message>
    <message>
        <source>我要评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>对服务提意见</source>
        <translation>Tell us what you think</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>看招聘信息</source>
        <translation>See job vacancies</translation>
    </message>
    <message>
        <source>招聘信息</source>
        <translation>Job vacancies</translation>
    </message>
    <message>
        <source>政策和通知</source>
        <translation>Policies and notices</translation>
    </message>
    <message>
        <source>还没有从县里同步过信息</source>
        <translation>Nothing has been received from the county yet</translation>
    </message>
    <message>
        <source>还没有从县里同步过信息，请到窗口咨询</source>
        <translation>Nothing has been received from the county yet. Please ask at the counter</translation>
    </message>
    <message>
        <source>今天更新</source>
        <translation>Updated today</translation>
    </message>
    <message>
        <source>昨天更新</source>
        <translation>Updated yesterday</translation>
    </message>
    <message>
        <source>更新时间不明</source>
        <translation>Update time unknown</translation>
    </message>
    <message>
        <source>今天更新（{0}）</source>
        <translation>Updated today ({0})</translation>
    </message>
    <message>
        <source>昨天更新（{0}）</source>
        <translation>Updated yesterday ({0})</translation>
    </message>
    <message>
        <source>{0} 天前更新（{1}）</source>
        <translation>Updated {0} days ago ({1})</translation>
    </message>
    <message>
        <source>离线也可查看</source>
        <translation>readable offline too</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>已拍照</source>
        <translation>Photographed</translation>
    </message>
    <message>
        <source>未拍照</source>
        <translation>Not photographed</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>语音播报暂不可用</source>
        <translation>Speech is unavailable</translation>
    </message>
    <message>
        <source>没有检测到扬声器，请看屏幕上的文字</source>
        <translation>No loudspeaker found. Please read the text on the screen</translation>
    </message>
    <message>
        <source>有内容需要修改，请看红色的提示。</source>
        <translation>Something needs changing: please see the red notes.</translation>
    </message>
    <message>
        <source>已撤销。</source>
        <translation>Withdrawn.</translation>
    </message>
    <message>
        <source>请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。</source>
        <translation>Is the photo clear? Touch Use this one, or Retake.</translation>
    </message>
    <message>
        <source>正在打印回执…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <source>回执已打印，请取走</source>
        <translation>Your receipt is printed. Please take it</translation>
    </message>
    <message>
        <source>终端数据存储暂不可用，请到窗口办理</source>
        <translation>The terminal cannot store data now. Please ask at the counter</translation>
    </message>
    <message>
        <source>参保缴费记录</source>
        <translation>Contribution record</translation>
    </message>
    <message>
        <source>待遇</source>
        <translation>Benefits</translation>
    </message>
    <message>
        <source>社保卡状态</source>
        <translation>Card status</translation>
    </message>
    <message>
        <source>我的办件</source>
        <translation>My applications</translation>
    </message>
    <message>
        <source>参保证明</source>
        <translation>Insurance certificate</translation>
    </message>
    <message>
        <source>社会保险个人权益记录单</source>
        <translation>Personal social insurance record</translation>
    </message>
    <message>
        <source>养老保险参保缴费凭证</source>
        <translation>Pension contribution voucher</translation>
    </message>
    <message>
        <source>养老待遇权益单</source>
        <translation>Pension benefit statement</translation>
    </message>
    <message>
        <source>本终端未配置打印机，参保证明已显示在屏幕上</source>
        <translation>This terminal has no printer; the insurance certificate is shown on the screen</translation>
    </message>
    <message>
        <source>县平台这次没有给出凭证编号，暂不能打印，请重新查询或到窗口办理</source>
        <translation>The county gave no document number this time, so it cannot be printed. Please ask again or go to the counter</translation>
    </message>
    <message>
        <source>没有查到这一年的缴费记录</source>
        <translation>No contributions were found for this year</translation>
    </message>
    <message>
        <source>没有查到记录</source>
        <translation>No records found</translation>
    </message>
    <message>
        <source>正在向县平台查询…</source>
        <translation>Asking the county platform…</translation>
    </message>
    <message>
        <source>正在出具参保证明…</source>
        <translation>Issuing the insurance certificate…</translation>
    </message>
</context>
</TS>