"""FitGen in Simplified Chinese: source text -> translation, filled into fitgen_zh_CN.ts by
fill.py. Terms follow glossary-zh_CN.md (训练集, 验证集, 数据增强, 批次, 轮次, 检查点...)."""

TEXTS = {
    # -- the app ------------------------------------------------------------------------
    "Something went wrong": "出错了",
    "{error}\n\nYour settings and runs are safe.": "{error}\n\n您的设置和训练记录都完好无损。",
    # -- menus ----------------------------------------------------------------------------
    "&File": "文件(&F)",
    "&New project": "新建项目(&N)",
    "&Open project…": "打开项目(&O)…",
    "Recent projects": "最近的项目",
    "&Save project": "保存项目(&S)",
    "Save project &as…": "项目另存为(&A)…",
    "Choose training &folder…": "选择训练集文件夹(&F)…",
    "Runs &workspace folder…": "训练记录工作文件夹(&W)…",
    "&Quit": "退出(&Q)",
    "&Run": "运行(&R)",
    "&Start training": "开始训练(&S)",
    "S&top": "停止(&T)",
    "&Resume…": "继续训练(&R)…",
    "&Model": "模型(&M)",
    "&Evaluate": "评估(&E)",
    "&Predict images…": "预测图像(&P)…",
    "E&xport…": "导出(&X)…",
    "&Settings": "设置(&S)",
    "&Language": "语言(&L)",
    "The language changes when FitGen is started again.": "重新启动 FitGen 后语言才会更改。",
    "&Help": "帮助(&H)",
    "&Quick guide": "快速入门(&Q)",
    "&About FitGen": "关于 FitGen(&A)",
    "(none yet)": "(暂无)",
    "Quick guide": "快速入门",
    "About FitGen": "关于 FitGen",
    "FitGen {version}\nTrain image classifiers from folders of images.\nKeras 2's "
    "fit_generator and ImageDataGenerator, on Keras 3.":
        "FitGen {version}\n用图像文件夹训练图像分类器。\n在 Keras 3 上重现 Keras 2 的 "
        "fit_generator 和 ImageDataGenerator。",
    # -- the Quick guide ----------------------------------------------------------------
    """<h3>FitGen in six steps</h3>
<ol>
<li><b>Data</b>: choose the training folder (one sub-folder per class: <i>cats/</i>,
<i>dogs/</i>...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.</li>
<li><b>Augmentation</b>: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.</li>
<li><b>Model</b>: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.</li>
<li><b>Fit options</b>: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.</li>
<li>Press <b>Start training</b> (F5). The plots and the console follow every batch.
<b>Stop</b> keeps a checkpoint; <b>Resume…</b> continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.</li>
<li><b>Evaluate</b> (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). <b>Predict</b>: drop new
images on the Predict tab. <b>Model ▸ Export…</b> writes the model for other programs, each
format checked to predict what FitGen predicts.</li>
</ol>
<p>When Start is greyed out, the red line under it says what to fix first.</p>
<p>The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see <i>docs/python-data-file.md</i>).</p>""":
    """<h3>六步上手 FitGen</h3>
<ol>
<li><b>数据</b>:选择训练集文件夹(每个类别一个子文件夹:<i>cats/</i>、<i>dogs/</i>……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。</li>
<li><b>数据增强</b>:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。</li>
<li><b>模型</b>:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。</li>
<li><b>训练选项</b>:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。</li>
<li>按下<b>开始训练</b>(F5)。曲线图和控制台会跟随每个批次更新。<b>停止</b>时会保存检查点;
<b>继续训练…</b>可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。</li>
<li><b>评估</b>(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
<b>预测</b>:把新图像拖到“预测”标签页。<b>模型 ▸ 导出…</b>将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。</li>
</ol>
<p>“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。</p>
<p>完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 <i>docs/python-data-file.md</i>)。</p>""",
}

PLURALS: dict[str, str] = {
}
