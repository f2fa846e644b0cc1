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
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="14" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="15" />
        <source>到期提醒</source>
        <translation>Due reminders</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="21" />
        <source>没有到期的台账</source>
        <translation>No ledgers due</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="22" />
        <source>本月统计</source>
        <translation>This month's statistics</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="35" />
        <source>帮办：替群众办理业务</source>
        <translation>Assisted service: act for a resident</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="38" />
        <source>填报台账（上月）</source>
        <translation>Ledgers (last month)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="44" />
        <source>（已填 %1 条）</source>
        <translation> (%1 entered)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="50" />
        <source>报送本月统计</source>
        <translation>Send this month's statistics</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/ClerkHome.qml" line="51" />
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
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="9" />
        <source>请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。</source>
        <translation>Is the photo clear? Touch Use this one, or Retake.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="10" />
        <source>请把材料平放在高拍仪下方，放好后不要移动，会自动拍照。</source>
        <translation>Lay the document flat under the camera and hold still; the photo is taken automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="53" />
        <source>高拍仪暂不可用</source>
        <translation>The document camera is unavailable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="62" />
        <source>第 %1 / %2 份材料</source>
        <translation>Document %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="80" />
        <source>现在拍照</source>
        <translation>Take photo now</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="87" />
        <source>使用这张</source>
        <translation>Use this one</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="94" />
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Materials.qml" line="101" />
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
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="42" />
        <source>本事项需要社保卡：请先插入社保卡。</source>
        <translation>This service needs your social security card: please insert it first.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="50" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/screens/Notice.qml" line="55" />
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
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="44" />
        <source>长辈模式</source>
        <translation>Large mode</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="49" />
        <source>语音</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../../ui/qml/Kiosk/parts/TopBar.qml" line="54" />
        <source>重听</source>
        <translation>Repeat</translation>
    </message>
</context>
</TS>