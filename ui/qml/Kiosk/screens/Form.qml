import QtQuick
import Kiosk

// The form, drawn entirely from catalog data: a few large fields per page, messages right under
// the field, values from the card filled in already.
ScreenBase {
    id: screen
    screenName: "Form"
    speech: qsTr("请核对或填写下面的内容。点输入框后，用屏幕键盘输入。")
    property var fields: kiosk.fields
    property int perPage: kiosk.formPerPage
    property int page: kiosk.formPage
    property int pages: Math.max(1, Math.ceil(fields.length / perPage))
    property var numericTarget: null

    Row {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        Column {
            id: formCol
            width: parent.width - (pad.visible ? pad.width + Theme.margin : 0)
            spacing: Theme.gap
            Heading {
                text: (kiosk.service.name || "") + (screen.pages > 1 ? qsTr("（第 %1 / %2 页）").arg(screen.page + 1).arg(screen.pages) : "")
            }
            Repeater {
                model: screen.fields.slice(screen.page * screen.perPage, (screen.page + 1) * screen.perPage)
                Column {
                    width: formCol.width
                    spacing: 8
                    Text {
                        text: modelData.label + (modelData.required ? "" : qsTr("（选填）"))
                        font.pixelSize: Theme.body; font.bold: true; color: Theme.ink
                    }
                    Field {
                        id: input
                        objectName: "field_" + modelData.key
                        visible: modelData.options.length === 0
                        width: parent.width
                        numeric: modelData.numeric
                        text: modelData.value
                        placeholderText: modelData.help
                        errorText: kiosk.formErrors[modelData.key] || ""
                        onTextChanged: kiosk.setValue(modelData.key, text)
                        onActiveFocusChanged: if (activeFocus) screen.numericTarget = numeric ? input : null
                        onPressed: { forceActiveFocus(); screen.numericTarget = numeric ? input : null }
                        Component.onCompleted: if (numeric) allowX = modelData.kind === "id_number"
                        property bool allowX: false
                    }
                    Flow {
                        visible: modelData.options.length > 0
                        width: parent.width
                        spacing: Theme.gap
                        property string chosen: modelData.value
                        property string fieldKey: modelData.key
                        Repeater {
                            model: modelData.options
                            BigButton {
                                objectName: "option_" + modelData
                                text: modelData
                                primary: parent.chosen === modelData
                                onClicked: { parent.chosen = modelData; kiosk.setValue(parent.fieldKey, modelData) }
                            }
                        }
                    }
                    Text {
                        objectName: "error_" + modelData.key
                        visible: text !== ""
                        width: parent.width; wrapMode: Text.Wrap
                        text: kiosk.formErrors[modelData.key] ? "⚠ " + kiosk.formErrors[modelData.key] : ""
                        font.pixelSize: Theme.small; font.bold: true; color: Theme.danger
                    }
                }
            }
            Row {
                spacing: Theme.gap * 2
                BigButton {
                    objectName: "formBack"; text: qsTr("上一步")
                    onClicked: screen.page > 0 ? kiosk.setFormPage(screen.page - 1) : kiosk.back()
                }
                BigButton {
                    objectName: "formNext"; primary: true
                    text: screen.page < screen.pages - 1 ? qsTr("下一页") : qsTr("下一步")
                    onClicked: screen.page < screen.pages - 1 ? kiosk.setFormPage(screen.page + 1)
                                                              : kiosk.submitForm()
                }
            }
        }
        NumPad {
            id: pad
            objectName: "formPad"
            visible: screen.numericTarget !== null
            allowX: screen.numericTarget !== null && screen.numericTarget.allowX
            onTyped: key => {
                const t = screen.numericTarget
                if (!t) return
                t.text = key === "⌫" ? t.text.slice(0, -1) : t.text + key
            }
        }
    }
}
