import QtQuick
import Kiosk

// 协管员登录: user name and password (five wrong tries lock the account for a while).
ScreenBase {
    screenName: "ClerkLogin"
    speech: qsTr("协管员请登录。")
    Column {
        anchors.centerIn: parent
        width: Math.min(Theme.px(800), parent.width - 2 * Theme.margin)
        spacing: Theme.gap
        Heading { text: qsTr("协管员登录（帮办、台账）") }
        Field { id: user; objectName: "clerkUser"; width: parent.width; placeholderText: qsTr("用户名") }
        Field { id: password; objectName: "clerkPassword"; width: parent.width; placeholderText: qsTr("密码"); echoMode: TextInput.Password }
        Body { objectName: "clerkMessage"; width: parent.width; text: clerk.message; visible: text !== ""; color: Theme.danger }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "clerkBack"; text: qsTr("返回"); onClicked: clerk.logout("back") }
            BigButton {
                objectName: "clerkLoginButton"; primary: true; text: qsTr("登录"); enabled: !clerk.busy
                onClicked: { clerk.login(user.text, password.text); password.text = "" }
            }
        }
    }
}
