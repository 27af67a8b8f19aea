<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>{error}

Your settings and runs are safe.</source>
        <translation>{error}

您的设置和训练记录都完好无损。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&lt;h3&gt;FitGen in six steps&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Data&lt;/b&gt;: choose the training folder (one sub-folder per class: &lt;i&gt;cats/&lt;/i&gt;,
&lt;i&gt;dogs/&lt;/i&gt;...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Augmentation&lt;/b&gt;: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Model&lt;/b&gt;: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fit options&lt;/b&gt;: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Start training&lt;/b&gt; (F5). The plots and the console follow every batch.
&lt;b&gt;Stop&lt;/b&gt; keeps a checkpoint; &lt;b&gt;Resume…&lt;/b&gt; continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Evaluate&lt;/b&gt; (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). &lt;b&gt;Predict&lt;/b&gt;: drop new
images on the Predict tab. &lt;b&gt;Model ▸ Export…&lt;/b&gt; writes the model for other programs, each
format checked to predict what FitGen predicts.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;When Start is greyed out, the red line under it says what to fix first.&lt;/p&gt;
&lt;p&gt;The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see &lt;i&gt;docs/python-data-file.md&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;六步上手 FitGen&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;数据&lt;/b&gt;:选择训练集文件夹(每个类别一个子文件夹:&lt;i&gt;cats/&lt;/i&gt;、&lt;i&gt;dogs/&lt;/i&gt;……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;数据增强&lt;/b&gt;:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;模型&lt;/b&gt;:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;训练选项&lt;/b&gt;:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。&lt;/li&gt;
&lt;li&gt;按下&lt;b&gt;开始训练&lt;/b&gt;(F5)。曲线图和控制台会跟随每个批次更新。&lt;b&gt;停止&lt;/b&gt;时会保存检查点;
&lt;b&gt;继续训练…&lt;/b&gt;可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;评估&lt;/b&gt;(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
&lt;b&gt;预测&lt;/b&gt;:把新图像拖到“预测”标签页。&lt;b&gt;模型 ▸ 导出…&lt;/b&gt;将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。&lt;/p&gt;
&lt;p&gt;完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 &lt;i&gt;docs/python-data-file.md&lt;/i&gt;)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose training &amp;folder…</source>
        <translation>选择训练集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Runs &amp;workspace folder…</source>
        <translation>训练记录工作文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>继续训练(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Predict images…</source>
        <translation>预测图像(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick guide</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About FitGen</source>
        <translation>关于 FitGen(&amp;A)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <source>Quick guide</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>About FitGen</source>
        <translation>关于 FitGen</translation>
    </message>
    <message>
        <source>FitGen {version}
Train image classifiers from folders of images.
Keras 2's fit_generator and ImageDataGenerator, on Keras 3.</source>
        <translation>FitGen {version}
用图像文件夹训练图像分类器。
在 Keras 3 上重现 Keras 2 的 fit_generator 和 ImageDataGenerator。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when FitGen is started again.</source>
        <extracomment>The languages offered in *Settings ▸ Language*: code -&gt; name in that language.</extracomment>
        <translation>重新启动 FitGen 后语言才会更改。</translation>
    </message>
</context>
</TS>